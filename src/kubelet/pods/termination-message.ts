/**
 * terminationMessagePath and terminationMessagePolicy (kuberuntime_container.go
 * makeMounts and getTerminationMessage): each container instance gets an empty file of its own
 * under `<root>/pods/<uid>/containers/<name>/`, mounted at the message path; when it exits the
 * file's last 4096 bytes become `state.terminated.message`. With FallbackToLogsOnError, a
 * failed container that wrote nothing there gets the last 80 lines (at most 2048 bytes) of its
 * log instead. The path and policy travel as container annotations, as the kubelet's do.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { ContainerConfig, ContainerStatus, In } from '../cri/types.ts';
import { parseLogLine } from '../server/log-line.ts';
import { podDir } from './volumes.ts';

export const TERMINATION_MESSAGE_PATH_ANNOTATION = 'io.kubernetes.container.terminationMessagePath';
export const TERMINATION_MESSAGE_POLICY_ANNOTATION = 'io.kubernetes.container.terminationMessagePolicy';

const MAX_MESSAGE = 4096;
const MAX_LOG_BYTES = 2048;
const MAX_LOG_LINES = 80;

/** Creates the instance's message file and adds its mount and annotations to `config`. */
export async function addTerminationMessage(config: In<ContainerConfig>, root: string, pod: DeepReadonly<Pod>, c: DeepReadonly<Container>): Promise<void> {
  const path = c.terminationMessagePath ?? '/dev/termination-log';
  const policy = c.terminationMessagePolicy ?? 'File';
  config.annotations = { ...config.annotations, [TERMINATION_MESSAGE_PATH_ANNOTATION]: path, [TERMINATION_MESSAGE_POLICY_ANNOTATION]: policy };
  if (!path) return;
  const dir = join(podDir(root, pod.metadata?.uid ?? ''), 'containers', c.name);
  await mkdir(dir, { recursive: true });
  const file = join(dir, randomBytes(4).toString('hex'));
  await writeFile(file, '');
  await chmod(file, 0o666);
  config.mounts = [...(config.mounts ?? []), { containerPath: path, hostPath: file, readonly: false }];
}

/** The message of an exited container: its file, else (policy and failure permitting) its log's tail. */
export async function terminationMessage(st: ContainerStatus, annotations: Record<string, string>): Promise<string> {
  const path = annotations[TERMINATION_MESSAGE_PATH_ANNOTATION];
  const fallback = annotations[TERMINATION_MESSAGE_POLICY_ANNOTATION] === 'FallbackToLogsOnError' && st.exitCode !== 0 && st.reason !== 'ContainerCannotRun';
  let msg = '';
  const m = path ? st.mounts.find((x) => x.containerPath === path) : undefined;
  if (m) {
    try {
      msg = (await tail(m.hostPath, MAX_MESSAGE)).toString('utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return `Error on reading termination log ${m.hostPath}: ${(e as Error).message}`;
    }
  }
  if (!msg && fallback && st.logPath) msg = await logTail(st.logPath);
  return msg;
}

async function tail(path: string, max: number): Promise<Buffer> {
  const f = await open(path, 'r');
  try {
    const { size } = await f.stat();
    const n = Math.min(size, max);
    const b = Buffer.alloc(n);
    await f.read(b, 0, n, size - n);
    return b;
  } finally { await f.close(); }
}

/** The last lines of a CRI log, their text only. */
export async function logTail(path: string): Promise<string> {
  let raw: Buffer;
  try { raw = await readFile(path); } catch { return ''; }
  const texts: Buffer[] = [];
  for (const line of raw.toString('latin1').split('\n')) {
    if (!line) continue;
    // With its newline back, a full line keeps it and a partial one drops it.
    const l = parseLogLine(Buffer.from(`${line}\n`, 'latin1'));
    if (!(l instanceof Error)) texts.push(l.text);
  }
  const lines = Buffer.concat(texts).toString('latin1').split(/(?<=\n)/);
  const all = Buffer.from(lines.slice(-MAX_LOG_LINES).join(''), 'latin1');
  return all.subarray(Math.max(0, all.length - MAX_LOG_BYTES)).toString('utf8');
}
