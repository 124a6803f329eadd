/**
 * A server for a benchmark, as its own process (so the measuring client does not share its event
 * loop): spawned, polled on /readyz until it answers 200, and stopped by PID (SIGTERM, then SIGKILL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { join } from 'node:path';
import { setTimeout as settle } from 'node:timers/promises';

export interface ServerChild { child: ChildProcess; pid: number; url: string; startupMs: number; output(): string }

export async function startServerChild(argv: string[], port: number, deadlineMs: number): Promise<ServerChild> {
  const t0 = performance.now();
  const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  // /readyz answers anonymous requests; the serving certificate is our own CA's.
  const agent = new Agent({ keepAlive: false, rejectUnauthorized: false });
  const readyz = () => new Promise<number>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/readyz', agent }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
    req.on('error', () => resolve(0));
    req.end();
  });
  while ((await readyz()) !== 200) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${out}`);
    if (performance.now() - t0 > deadlineMs) throw new Error(`server not ready after ${deadlineMs / 1000} s: ${out}`);
    await settle(10);
  }
  agent.destroy();
  return { child, pid: child.pid!, url: `https://127.0.0.1:${port}`, startupMs: performance.now() - t0, output: () => out };
}

export async function stopServerChild(s: ServerChild, killAfterMs = 10_000): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => s.child.once('exit', () => r()));
  process.kill(s.pid, 'SIGTERM');
  const t = setTimeout(() => process.kill(s.pid, 'SIGKILL'), killAfterMs);
  await exited;
  clearTimeout(t);
}

/**
 * The entry `./k8ts` runs: the stripped build's main.js when it is at least as new as every source
 * file (a stale build would lack code), else the sources.
 */
export function k8tsMain(root: string): string {
  const built = join(root, 'build/js/cli/main.js');
  if (!existsSync(built)) return join(root, 'src/cli/main.ts');
  const newestSrc = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newestSrc(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
  }, 0);
  if (statSync(built).mtimeMs >= newestSrc(join(root, 'src'))) return built;
  console.error('bench: build/js is older than src/ (run `node scripts/build.ts`): running the .ts sources');
  return join(root, 'src/cli/main.ts');
}
