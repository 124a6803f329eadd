/**
 * Child process for crash.test.ts: writes a burst of creates and updates to the SQLite store at
 * argv[2] and prints "<revision> <key> <seq>" for each write after the store acknowledged it.
 * The parent kills it with SIGKILL mid-burst.
 */
import { writeSync } from 'node:fs';
import { openSqliteStore } from './index.ts';
import { crashValue } from './crash-value.ts';

const s = await openSqliteStore(process.argv[2], { autoCompact: false });
const keys: { key: string; rev: number }[] = [];
for (let i = 0; i < 1_000_000; i++) {
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
  writeSync(1, line); // synchronous: a printed line is an acknowledged write
}
await s.close();
