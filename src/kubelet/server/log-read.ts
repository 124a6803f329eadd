/**
 * Streams one container log file, following the loop of the kubelet's ReadLogs
 * (pkg/kubelet/kuberuntime/logs/logs.go, v1.33.0): start at the tail, parse each line, write
 * through LogWriter, stop after `tail` lines when not following. When following, wait for
 * the file to grow; reopen it when it was rotated (renamed and created anew); end once the
 * container has exited (`exited()` says so) and the data up to then is written, or on abort.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { DirWatch } from './dir-watch.ts';
import { parseLogLine } from './log-line.ts';
import type { LogOptions } from './log-options.ts';
import { fileTailStart } from './log-tail.ts';
import { LogWriter } from './log-writer.ts';

export interface ReadLogsDeps {
  /** Writes output; resolves when the consumer can take more (back-pressure). */
  write: (b: Buffer) => Promise<void> | void;
  signal: AbortSignal;
  /** True once the container writing this file has exited (checked at each end of file). */
  exited: () => Promise<boolean>;
  pollMs?: number;
}

const NL = 0x0a;
const CHUNK = 64 * 1024;

export async function readLogs(path: string, opts: LogOptions, deps: ReadLogsDeps): Promise<void> {
  let fh: FileHandle = await open(path, 'r');
  let watcher: DirWatch | undefined;
  try {
    let pos = await fileTailStart(fh, opts.tail);
    const limited = opts.tail >= 0 && !opts.follow;
    let left = opts.tail;
    let pending: Buffer[] = [];
    const out: Buffer[] = [];
    const writer = new LogWriter(opts, (b) => { out.push(b); });
    let atLineStart = true;
    let exited = false;
    const buf = Buffer.alloc(CHUNK);
    // Parses and writes one file line; false when the output should end.
    const emit = (line: Buffer): boolean => {
      const msg = parseLogLine(line);
      if (msg instanceof Error) return true; // the kubelet logs and skips it
      if (writer.write(msg, atLineStart) === 'limit') return false;
      if (limited) left--;
      atLineStart = msg.text.length === 0 || msg.text[msg.text.length - 1] === NL;
      return !(limited && left === 0);
    };
    const flush = async () => { for (const b of out.splice(0)) await deps.write(b); };
    if (limited && left === 0) return;
    for (;;) {
      if (deps.signal.aborted) return;
      const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
      if (bytesRead > 0) {
        pos += bytesRead;
        let chunk = buf.subarray(0, bytesRead);
        let more = true;
        for (let nl = chunk.indexOf(NL); nl >= 0 && more; nl = chunk.indexOf(NL)) {
          const line = pending.length ? Buffer.concat([...pending, chunk.subarray(0, nl + 1)]) : Buffer.from(chunk.subarray(0, nl + 1));
          pending = [];
          chunk = chunk.subarray(nl + 1);
          more = emit(line);
        }
        if (!more) { await flush(); return; }
        if (chunk.length) pending.push(Buffer.from(chunk));
        await flush();
        continue;
      }
      // End of file.
      if (!opts.follow) {
        // An unfinished last line is still printed when not following.
        if (pending.length) emit(Buffer.concat(pending));
        await flush();
        return;
      }
      if (exited) return;
      if (await rotated(fh, path)) {
        await fh.close();
        fh = await open(path, 'r');
        pos = 0;
        pending = [];
        continue;
      }
      if (await deps.exited()) { exited = true; continue; } // read what was written up to the exit, then end
      watcher ??= new DirWatch(dirname(path), deps.pollMs ?? 250);
      await watcher.next(deps.signal);
    }
  } finally {
    watcher?.close();
    await fh.close().catch(() => {});
  }
}

/** True when the path now names another file than the open one (log rotation). */
async function rotated(fh: FileHandle, path: string): Promise<boolean> {
  const [a, b] = await Promise.all([fh.stat(), stat(path).catch(() => undefined)]);
  return b !== undefined && (a.ino !== b.ino || a.dev !== b.dev);
}

/** `<n>.log` files: the restart count of a log file name, or undefined. */
export function restartOf(file: string): number | undefined {
  const m = /^(\d+)\.log$/.exec(basename(file));
  return m ? Number(m[1]) : undefined;
}
