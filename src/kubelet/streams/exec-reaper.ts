/**
 * containerd 1.6 does not stop an exec'd process when the stream's client goes away (its exec
 * context is not the request's), so a vanished `kubectl exec` would leave e.g. `sleep` running
 * in the container. The kubelet kills it itself: an exec'd process is a child of the pod's shim
 * (a subreaper) in the container's PID namespace, so the shim's children there that appeared
 * after the exec was requested, and their descendants, are the exec's. Two execs into one
 * container at the same moment cannot be told apart; both are then killed on the first abort.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';
import type { CRIClient } from '../cri/service.ts';

export interface ProcInfo { pid: number; ppid: number; pidns: string }

/** The exec's processes: new shim children in the container's PID namespace, and everything below them. */
export function execProcesses(procs: ProcInfo[], o: { shimPid: number; pidns: string; before: ReadonlySet<number> }): number[] {
  const roots = procs.filter((p) => p.ppid === o.shimPid && p.pidns === o.pidns && !o.before.has(p.pid)).map((p) => p.pid);
  const out = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (!out.has(p.pid) && out.has(p.ppid)) { out.add(p.pid); grew = true; }
  }
  return [...out];
}

/** Shim children in `pidns` (the container's init included). */
export function shimChildren(procs: ProcInfo[], shimPid: number, pidns: string): Set<number> {
  return new Set(procs.filter((p) => p.ppid === shimPid && p.pidns === pidns).map((p) => p.pid));
}

async function proc(pid: number): Promise<ProcInfo | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const ppid = Number(/^PPid:\s*(\d+)/m.exec(status)?.[1]);
    return { pid, ppid, pidns: await readlink(`/proc/${pid}/ns/pid`) };
  } catch {
    return undefined; // gone meanwhile
  }
}

async function processTable(): Promise<ProcInfo[]> {
  const names = (await readdir('/proc').catch(() => [] as string[])).filter((n) => /^\d+$/.test(n));
  return (await Promise.all(names.map((n) => proc(Number(n))))).filter((p): p is ProcInfo => !!p);
}

export interface ExecReaper { kill(): Promise<number[]> }

/** Call before CRI Exec; `kill()` SIGKILLs what the exec started. A no-op when the container's pid is unknown. */
export async function watchExec(cri: CRIClient, containerId: string): Promise<ExecReaper> {
  const none: ExecReaper = { kill: async () => [] };
  let initPid: number;
  try {
    const { info } = await cri.runtime.containerStatus({ containerId, verbose: true });
    initPid = Number((JSON.parse(info.info ?? '{}') as { pid?: number }).pid);
  } catch {
    return none;
  }
  const init = Number.isInteger(initPid) && initPid > 0 ? await proc(initPid) : undefined;
  if (!init) return none;
  const before = shimChildren(await processTable(), init.ppid, init.pidns);
  return {
    async kill() {
      const pids = execProcesses(await processTable(), { shimPid: init.ppid, pidns: init.pidns, before });
      for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
      return pids;
    },
  };
}
