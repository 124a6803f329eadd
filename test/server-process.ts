/** Runs `k8ts server` as a child process (for crash tests), stopped by PID. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.ts');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
  });
}

export interface ServerProcess { child: ChildProcess; url: string; output(): string }

export async function startServerProcess(dataDir: string, port: number, timeoutMs = 30_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', MAIN, 'server', '--data-dir', dataDir, '--api-port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`server did not start: ${out}`)), timeoutMs);
    const check = () => { if (/serving on/.test(out)) { clearTimeout(t); resolve(); } };
    child.stdout!.on('data', check);
    child.once('exit', (code) => { clearTimeout(t); reject(new Error(`server exited with ${code}: ${out}`)); });
  });
  return { child, url: `https://127.0.0.1:${port}`, output: () => out };
}

export function waitExit(child: ChildProcess): Promise<void> {
  return new Promise((r) => { if (child.exitCode !== null || child.signalCode !== null) r(); else child.once('exit', () => r()); });
}
