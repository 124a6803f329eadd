// `k8ts down`: stop the background server of a data dir, politely first.
import { CliError } from './cli-error.ts';
import type { Out } from './steps.ts';
import { clearServerFiles, findServer, isAlive, isOurServer } from './server-state.ts';

// The server stops its pods first (each within 5 s, like a node's shutdown grace period), then containerd.
const GRACE_MS = 30_000;
const POLL_MS = 100;

export async function runDown(dataDir: string, out: Out): Promise<void> {
  const found = await findServer(dataDir);
  if (found.state === 'stopped') {
    out(`k8ts is not running (no server.pid in ${dataDir})`);
    return;
  }
  if (found.state === 'stale') {
    await clearServerFiles(dataDir, found.pid);
    out(`k8ts is not running; removed a stale pid file (pid ${found.pid}: ${found.why})`);
    return;
  }
  const { pid } = found;
  const start = performance.now();
  signal(pid, 'SIGTERM');
  if (await waitExit(pid, GRACE_MS)) {
    out(`✓ stopped k8ts server (pid ${pid}) (${Math.round(performance.now() - start)} ms)`);
  } else {
    // Check again right before the hard kill: in 10 s the pid could have been reused.
    if (await isOurServer(pid)) signal(pid, 'SIGKILL');
    if (!(await waitExit(pid, 2000))) throw new CliError(`k8ts server (pid ${pid}) survives SIGKILL: look at it with "ps -p ${pid}"`);
    out(`✓ k8ts server (pid ${pid}) did not stop within ${GRACE_MS / 1000} s: killed it (SIGKILL)`);
  }
  await clearServerFiles(dataDir, pid);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPERM') throw new CliError(`not allowed to stop pid ${pid}: run "k8ts down" as the user that started it`);
    // ESRCH: it is already gone, which is what we want.
  }
}

async function waitExit(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!(await isAlive(pid))) return true;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return !(await isAlive(pid));
}
