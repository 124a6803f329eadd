/**
 * One containerd process: spawn it with its output appended to containerd.log, wait for it
 * to answer CRI, and stop it by PID. The supervisor (supervisor.ts) adds restarts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { criVersion, type CRIVersion } from './cri-probe.ts';
import type { ContainerdPaths } from './paths.ts';

export function spawnContainerd(p: ContainerdPaths, bin = 'containerd'): ChildProcess {
  // A stale socket from a killed instance would look ready to a plain existence check.
  rmSync(p.socket, { force: true });
  const log = openSync(p.log, 'a');
  try {
    // Its own process group: a Ctrl-C meant for us must not reach containerd first; we stop it.
    const child = spawn(bin, ['--config', p.config], { detached: true, stdio: ['ignore', log, log] });
    if (child.pid) writeFileSync(pidFile(p), String(child.pid));
    return child;
  } finally { closeSync(log); }
}

export const pidFile = (p: ContainerdPaths): string => join(p.dir, 'containerd.pid');

const tick = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls until containerd answers CRI `Version`, the child exits, or `timeoutMs` passes.
 * Polling (a few ms apart, each probe bounded) is the only signal containerd gives.
 */
export async function waitReady(p: ContainerdPaths, child: ChildProcess, timeoutMs: number): Promise<CRIVersion> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`containerd exited (${child.exitCode ?? child.signalCode}) before it was ready; see ${p.log}`);
    }
    if (existsSync(p.socket)) {
      try { return await criVersion(p.socket, Math.min(1000, Math.max(50, deadline - Date.now()))); } catch (e) { last = e; }
    }
    await tick(5);
  }
  throw new Error(`containerd not ready after ${timeoutMs} ms (${(last as Error | undefined)?.message ?? 'no socket'}); see ${p.log}`);
}

export function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the PID is gone. */
export async function killPid(pid: number, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs;
  try { process.kill(pid, 'SIGTERM'); } catch { return; }
  while (alive(pid) && Date.now() < deadline) await tick(10);
  if (!alive(pid)) return;
  try { process.kill(pid, 'SIGKILL'); } catch { return; }
  const hard = Date.now() + 5000;
  while (alive(pid) && Date.now() < hard) await tick(10);
}

/**
 * A containerd left over from an earlier run of ours (we crashed without stopping it) holds
 * the socket and the root: stop it, but only if its command line names our config file.
 */
export async function stopStale(p: ContainerdPaths): Promise<number | undefined> {
  let pid: number;
  try { pid = Number(readFileSync(pidFile(p), 'utf8').trim()); } catch { return undefined; }
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return undefined;
  let cmdline = '';
  try { cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { return undefined; }
  if (!cmdline.includes(p.config)) return undefined;
  await killPid(pid, 5000);
  return pid;
}
