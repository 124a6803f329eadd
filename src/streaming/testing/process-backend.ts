/** Test-only exec backend: runs the command as a local process, a stand-in for a container. */
import { spawn } from 'node:child_process';
import type { CommandHandler } from '../remotecommand/serve.ts';
import type { TerminalSize } from '../remotecommand/protocols.ts';

export function processHandler(command: string[], sizes: TerminalSize[] = []): CommandHandler {
  return async (s) => {
    // With a tty, start only after kubectl's first size: a fast command could otherwise finish first.
    const it = s.resize?.[Symbol.asyncIterator]();
    const first = await it?.next();
    if (first && !first.done) sizes.push(first.value);
    const child = spawn(command[0], command.slice(1), { stdio: 'pipe' });
    child.stdin.on('error', () => undefined);
    if (s.stdin) s.stdin.pipe(child.stdin);
    else child.stdin.end();
    child.stdout.pipe(s.stdout ?? process.stderr, { end: false });
    child.stderr.pipe(s.stderr ?? s.stdout ?? process.stderr, { end: false });
    if (it) void (async () => { for (let r = await it.next(); !r.done; r = await it.next()) sizes.push(r.value); })();
    const kill = () => child.kill('SIGKILL');
    s.signal.addEventListener('abort', kill);
    const code = await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (c, sig) => resolve(c ?? (sig ? 128 : 1)));
    });
    s.signal.removeEventListener('abort', kill);
    return { exitCode: code };
  };
}
