/**
 * Pod volumes on the host and their mounts into containers (pkg/volume/emptydir, hostpath, configmap, secret,
 * downwardapi, projected; kubelet_pods.go makeMounts). Layout as the kubelet's:
 * `<root>/pods/<uid>/volumes/kubernetes.io~<plugin>/<name>`.
 *
 * - emptyDir: a 0777 directory shared by the pod's containers; `medium: Memory` is a tmpfs (size = sizeLimit);
 * - hostPath: the host path itself, after the `type` check (…OrCreate makes it);
 * - configMap, secret, downwardAPI, projected: files from the atomic writer, mounted read-only;
 * - fsGroup: volume files and directories get that group (directories setgid), as SetVolumeOwnership does;
 * - subPath: a bind of a path inside the volume (made when missing, never outside the volume); it does not follow
 *   later updates of a configMap/secret volume, as in Kubernetes.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, chown, mkdir, open, realpath, rm, stat } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { promisify } from 'node:util';
import type { Container, Pod, Volume } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { parseQuantity, quantityValue } from '../../api/quantity.ts';
import type { In, Mount } from '../cri/types.ts';
import { writeAtomic } from './atomic-writer.ts';
import { ContainerConfigError, type PodRuntimeFacts } from './env.ts';
import type { ObjectSources } from './sources.ts';
import { volumePayload, VolumeError, type PayloadWarn } from './volume-payload.ts';

export { VolumeError } from './volume-payload.ts';

type RO<T> = DeepReadonly<T>;
const run = promisify(execFile);

export const podDir = (root: string, uid: string) => join(root, 'pods', uid);

const PLUGIN: Record<string, string> = {
  emptyDir: 'empty-dir', configMap: 'configmap', secret: 'secret', downwardAPI: 'downward-api', projected: 'projected',
};
/** Volumes whose files the kubelet writes: mounted read-only, refreshed when their source changes. */
export const ATOMIC_KINDS = ['configMap', 'secret', 'downwardAPI', 'projected'] as const;
export const isAtomic = (v: RO<Volume>) => ATOMIC_KINDS.some((k) => v[k]);

export function volumePath(root: string, uid: string, v: RO<Volume>): string | undefined {
  if (v.hostPath) return v.hostPath.path;
  const kind = Object.keys(PLUGIN).find((k) => (v as Record<string, unknown>)[k]);
  return kind ? join(podDir(root, uid), 'volumes', `kubernetes.io~${PLUGIN[kind]}`, v.name) : undefined;
}

/** A failure of one volume, worded as the kubelet's FailedMount event. */
export class VolumeSetUpError extends Error {
  readonly volume: string;
  constructor(volume: string, message: string) { super(`MountVolume.SetUp failed for volume "${volume}" : ${message}`); this.volume = volume; }
}

const mounted = (path: string) => readFileSync('/proc/mounts', 'utf8').split('\n').some((l) => l.split(' ')[1] === path);

/** The hostPath `type` check (pkg/volume/hostpath/host_path.go checkType); …OrCreate creates what is missing. */
export async function checkHostPath(path: string, type: string | undefined): Promise<void> {
  const st = await stat(path).catch(() => undefined);
  const fail = (what: string) => { throw new VolumeError(`hostPath type check failed: ${path} is not ${what}`); };
  switch (type ?? '') {
    case '': return;
    case 'DirectoryOrCreate':
      if (!st) { await mkdir(path, { recursive: true, mode: 0o755 }); return; }
      if (!st.isDirectory()) fail('a directory');
      return;
    case 'Directory': if (!st?.isDirectory()) fail('a directory'); return;
    case 'FileOrCreate':
      if (!st) { await mkdir(dirname(path), { recursive: true }); await (await open(path, 'a', 0o644)).close(); return; }
      if (!st.isFile()) fail('a file');
      return;
    case 'File': if (!st?.isFile()) fail('a file'); return;
    case 'Socket': if (!st?.isSocket()) fail('a socket file'); return;
    case 'CharDevice': if (!st?.isCharacterDevice()) fail('a character device'); return;
    case 'BlockDevice': if (!st?.isBlockDevice()) fail('a block device'); return;
    default: throw new VolumeError(`hostPath type check failed: unknown type ${type}`);
  }
}

async function setUpEmptyDir(path: string, v: RO<Volume>, fsGroup: number | undefined): Promise<void> {
  await mkdir(path, { recursive: true });
  if (v.emptyDir?.medium === 'Memory' && !mounted(path)) {
    const size = v.emptyDir.sizeLimit !== undefined ? `,size=${quantityValue(parseQuantity(String(v.emptyDir.sizeLimit)))}` : '';
    try { await run('mount', ['-t', 'tmpfs', '-o', `mode=0777${size}`, 'tmpfs', path]); } catch (e) { throw new VolumeError(`mount tmpfs: ${(e as { stderr?: string }).stderr?.trim() || (e as Error).message}`); }
  }
  if (fsGroup !== undefined) { await chown(path, 0, fsGroup); await chmod(path, 0o2777); } else await chmod(path, 0o777);
}

/** One volume; throws VolumeError. */
export async function setUpVolume(root: string, pod: RO<Pod>, v: RO<Volume>, sources: ObjectSources, f: PodRuntimeFacts, warn: PayloadWarn): Promise<void> {
  const path = volumePath(root, pod.metadata?.uid ?? '', v);
  if (!path) return;
  const fsGroup = pod.spec?.securityContext?.fsGroup;
  if (v.emptyDir) return setUpEmptyDir(path, v, fsGroup);
  if (v.hostPath) return checkHostPath(path, v.hostPath.type);
  const payload = await volumePayload(pod, v, sources, f, warn);
  if (payload) await writeAtomic(path, payload, fsGroup);
}

/** Makes every volume of the pod exist on the host (idempotent: unchanged files are not rewritten). */
export async function setUpVolumes(root: string, pod: RO<Pod>, sources: ObjectSources, f: PodRuntimeFacts = {}, warn: PayloadWarn = () => {}): Promise<void> {
  for (const v of pod.spec?.volumes ?? []) {
    try {
      await setUpVolume(root, pod, v, sources, f, warn);
    } catch (e) {
      throw new VolumeSetUpError(v.name, e instanceof VolumeError ? e.message : (e as Error).message ?? String(e));
    }
  }
}

/** A subPath's host path: inside the volume (symlinks resolved), created as a directory when missing. */
async function subPathOf(volume: string, sub: string, atomic: boolean): Promise<string> {
  const want = join(volume, sub);
  if (!atomic && !(await stat(want).catch(() => undefined))) await mkdir(want, { recursive: true, mode: 0o755 });
  let real: string;
  try { real = await realpath(want); } catch { throw new ContainerConfigError(`failed to prepare subPath for volumeMount: ${want} does not exist`); }
  const base = await realpath(volume);
  if (real !== base && !real.startsWith(base + sep)) throw new ContainerConfigError(`subPath "${sub}" resolves outside the volume`);
  return real;
}

export async function containerMounts(root: string, pod: RO<Pod>, c: RO<Container>): Promise<In<Mount>[]> {
  const uid = pod.metadata?.uid ?? '';
  const byName = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  const out: In<Mount>[] = [];
  for (const m of c.volumeMounts ?? []) {
    const v = byName.get(m.name);
    const path = v && volumePath(root, uid, v);
    if (!v || !path) throw new ContainerConfigError(`cannot find volume "${m.name}" to mount into container "${c.name}"`);
    const atomic = isAtomic(v);
    const hostPath = m.subPath ? await subPathOf(path, m.subPath, atomic) : path;
    // Files the kubelet writes are always read-only in the container (kubernetes#58720).
    out.push({ containerPath: m.mountPath, hostPath, readonly: !!m.readOnly || atomic });
  }
  return out;
}

/** Unmounts tmpfs volumes and removes the pod's volume directories (hostPath volumes are not ours to remove). */
export async function tearDownVolumes(root: string, uid: string): Promise<void> {
  const dir = podDir(root, uid);
  const points = readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1]).filter((p) => p?.startsWith(dir + '/'));
  for (const p of points.sort().reverse()) await run('umount', [p]).catch(() => run('umount', ['-l', p]).catch(() => {}));
  await rm(dir, { recursive: true, force: true });
}
