/**
 * Child process for crash.test.ts: writes a burst of creates and updates to the SQLite store at
 * argv[2] from argv[3] concurrent writers (default 1; many writers fill group commits) and
 * prints "<revision> <key> <seq>" for each write after the store acknowledged it. The parent
 * kills it with SIGKILL mid-burst.
 */
import { writeSync } from 'node:fs';
import { openSqliteStore } from './index.ts';
import { crashValue } from './crash-value.ts';

const s = await openSqliteStore(process.argv[2], { autoCompact: false });
const writers = Number(process.argv[3] ?? 1);
let next = 0;

/** One writer: creates and updates its own keys, so no two writers race on a compare. */
async function writer(): Promise<void> {
  const keys: { key: string; rev: number }[] = [];
  while (next < 1_000_000) {
    const i = next++;
    let line: string;
    if (i % 3 === 0 || keys.length === 0) {
      const key = `/registry/configmaps/crash/k${i}`;
      const kv = await s.create(key, crashValue(key, i));
      keys.push({ key, rev: kv.modRevision });
      line = `${kv.modRevision} ${key} ${i}\n`;
    } else {
      const k = keys[(i * 7919) % keys.length];
      const r = await s.update(k.key, crashValue(k.key, i), k.rev);
      if (!r.succeeded) throw new Error(`lost compare on ${k.key}`);
      k.rev = r.kv.modRevision;
      line = `${k.rev} ${k.key} ${i}\n`;
    }
    print(line); // synchronous: a printed line is an acknowledged write
  }
}

/** Writes the whole line to stdout, waiting out a full pipe (EAGAIN) rather than failing. */
function print(line: string): void {
  const buf = Buffer.from(line);
  for (let off = 0; off < buf.length;) {
    try { off += writeSync(1, buf, off); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e; }
  }
}

await Promise.all(Array.from({ length: writers }, writer));
await s.close();
