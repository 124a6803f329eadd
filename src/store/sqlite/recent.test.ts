/**
 * The recent rows (recent.ts): a read-modify-write reads SQLite's `kv` once, and what they
 * answer is always what SQLite holds, also after a rolled-back batch and past the limit.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatementSync } from 'node:sqlite';
import { openSqliteStore } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'k8ts-recent-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const open = (recentRows?: number) => openSqliteStore(join(dir, `r${n++}.db`), { autoCompact: false, recentRows });

type Fn = (...args: unknown[]) => unknown;
/** Counts point reads of `kv` while `fn` runs. */
async function kvReads(fn: () => Promise<unknown>): Promise<number> {
  const proto = StatementSync.prototype as unknown as { get: Fn };
  const orig = proto.get;
  let reads = 0;
  proto.get = function (this: StatementSync, ...args: unknown[]) { if (this.sourceSQL.includes('WHERE kv.name = ?')) reads++; return orig.apply(this, args); };
  try { await fn(); } finally { proto.get = orig; }
  return reads;
}

test('a key read or written lately is answered without SQLite; others are read once', async () => {
  const s = await open();
  const a = await s.create('/r/a', '1');
  const table: { name: string; op: () => Promise<unknown>; reads: number }[] = [
    { name: 'get after create', op: () => s.get('/r/a'), reads: 0 },
    { name: 'update after create (the revision check)', op: () => s.update('/r/a', '2', a.modRevision), reads: 0 },
    { name: 'get of an absent key', op: () => s.get('/r/none'), reads: 1 },
    { name: 'create (the existence check of a new key)', op: () => s.create('/r/b', '1'), reads: 1 },
  ];
  for (const c of table) assert.equal(await kvReads(c.op), c.reads, c.name);
  assert.equal((await s.get('/r/a'))?.value, '2');
  await s.delete('/r/a');
  assert.equal(await kvReads(async () => assert.equal(await s.get('/r/a'), undefined)), 1, 'a deleted key is not remembered');
  await s.close();
});

test('past the limit the oldest rows are read again, with their current values', async () => {
  const s = await open(2);
  const kv = await s.create('/r/a', '1');
  await s.create('/r/b', '1');
  await s.create('/r/c', '1');
  assert.equal(await kvReads(async () => assert.equal((await s.get('/r/a'))?.modRevision, kv.modRevision)), 1);
  assert.equal(await kvReads(() => s.get('/r/a')), 0);
  await s.close();
});

test('a rolled-back batch leaves no row of its own behind', async () => {
  const s = await open();
  const base = await s.create('/r/base', 'b');
  const proto = StatementSync.prototype as unknown as { run: Fn };
  const orig = proto.run;
  proto.run = function (this: StatementSync, ...args: unknown[]) { if (this.sourceSQL === 'COMMIT') { proto.run = orig; throw new Error('disk I/O error'); } return orig.apply(this, args); };
  const results = await Promise.allSettled([s.update('/r/base', 'new', base.modRevision), s.create('/r/gone', 'x')]);
  proto.run = orig;
  assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
  assert.deepEqual([(await s.get('/r/base'))?.value, await s.get('/r/gone')], ['b', undefined]);
  const again = await s.update('/r/base', 'c', base.modRevision);
  assert.equal(again.succeeded, true, 'the compare-and-swap sees the stored revision, not the rolled-back one');
  await s.close();
});
