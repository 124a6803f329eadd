/**
 * Group commit (batch.ts): writes of one event-loop turn share a COMMIT, answers wait for it,
 * and a failed batch takes all its writes with it. SQLite failures are injected by wrapping
 * StatementSync.prototype.run (the store's statements are StatementSync objects).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatementSync } from 'node:sqlite';
import type { Store, WatchEvent } from '../types.ts';
import { openSqliteStore } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'k8ts-batch-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const open = (path = join(dir, `b${n++}.db`)) => openSqliteStore(path, { autoCompact: false });

type Run = (...args: unknown[]) => unknown;

/** Calls `hook(sql, args)` before every statement run (it may throw) until the returned undo. */
function onRun(hook: (sql: string, args: unknown[]) => void): () => void {
  const proto = StatementSync.prototype as unknown as { run: Run };
  const orig = proto.run;
  proto.run = function (this: StatementSync, ...args: unknown[]) { hook(this.sourceSQL, args); return orig.apply(this, args); };
  return () => { proto.run = orig; };
}

/** Counts COMMITs while `fn` runs. */
async function countCommits(fn: () => Promise<void>): Promise<number> {
  let commits = 0;
  const undo = onRun((sql) => { if (sql === 'COMMIT') commits++; });
  try { await fn(); } finally { undo(); }
  return commits;
}

/** Events delivered so far, without waiting for more. */
async function drain(w: AsyncIterator<WatchEvent>, n: number): Promise<WatchEvent[]> {
  const out: WatchEvent[] = [];
  for (let i = 0; i < n; i++) out.push((await w.next()).value as WatchEvent);
  return out;
}

test('writes issued in one turn share one COMMIT; a lone write commits alone', async () => {
  const s = await open();
  const table = [
    { name: 'lone create', writes: 1, want: 1 },
    { name: '50 concurrent creates', writes: 50, want: 1 },
  ];
  for (const c of table) {
    const commits = await countCommits(async () => {
      await Promise.all(Array.from({ length: c.writes }, (_, i) => s.create(`/r/${c.name}/${i}`, 'v')));
    });
    assert.equal(commits, c.want, c.name);
  }
  // Sequential writes each wait for their own commit.
  assert.equal(await countCommits(async () => { for (let i = 0; i < 3; i++) await s.create(`/r/seq/${i}`, 'v'); }), 3);
  await s.close();
});

test('a read issued while a batch is open answers after its COMMIT, with its value', async () => {
  const s = await open();
  let committedBeforeAnswer = -1;
  let commits = 0;
  const undo = onRun((sql) => { if (sql === 'COMMIT') commits++; });
  try {
    const w = s.create('/r/a', 'v1');
    const got = await s.get('/r/a');
    committedBeforeAnswer = commits;
    assert.equal(got?.value, 'v1');
    assert.equal(got?.modRevision, (await w).modRevision);
  } finally { undo(); }
  assert.equal(committedBeforeAnswer, 1);
  await s.close();
});

test('a failed COMMIT rejects every write of the batch, publishes nothing, restores the revision', async () => {
  const s = await open();
  const base = await s.create('/r/base', 'b');
  const w = s.watch('/r/', base.modRevision)[Symbol.asyncIterator]();
  let fail = true;
  const undo = onRun((sql) => { if (sql === 'COMMIT' && fail) { fail = false; throw new Error('disk I/O error'); } });
  try {
    const writes = [s.create('/r/a', '1'), s.update('/r/base', '2', base.modRevision), s.delete('/r/base')];
    const read = s.get('/r/a'); // saw /r/a pending: answered again after the rollback
    const results = await Promise.allSettled(writes);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'rejected']);
    assert.equal(await read, undefined);
  } finally { undo(); }
  assert.equal(await s.currentRevision(), base.modRevision);
  assert.equal((await s.get('/r/base'))?.value, 'b');
  const next = await s.create('/r/c', '3');
  assert.equal(next.modRevision, base.modRevision + 1, 'no revision is skipped');
  assert.deepEqual((await drain(w, 1)).map((e) => `${e.kv.key}@${e.revision}`), [`/r/c@${base.modRevision + 1}`]);
  await s.close();
});

test('a failed statement rolls back its batch; a later write of the same turn starts a new one', async () => {
  const s = await open();
  const undo = onRun((sql, args) => { if (sql.startsWith('INSERT INTO kv') && args[0] === '/r/bad') throw new Error('database or disk is full'); });
  try {
    const table = [
      { key: '/r/first', want: 'rejected' }, // in the batch the failure rolled back
      { key: '/r/bad', want: 'rejected' },
      { key: '/r/after', want: 'fulfilled' },
    ];
    const results = await Promise.allSettled(table.map((c) => s.create(c.key, 'v')));
    assert.deepEqual(results.map((r) => r.status), table.map((c) => c.want));
  } finally { undo(); }
  assert.deepEqual((await s.list('/r/')).items.map((kv) => kv.key), ['/r/after']);
  assert.equal((await s.get('/r/first')), undefined);
  await s.close();
});

test('compaction and close commit an open batch first', async () => {
  const path = join(dir, 'close.db');
  const s: Store = await open(path);
  await s.create('/r/a', '1');
  const w1 = s.create('/r/b', '2');
  await s.compact(await s.currentRevision()); // BEGIN of compaction while the batch is open
  assert.equal((await w1).modRevision, 3);
  const w2 = s.create('/r/c', '3');
  await s.close();
  assert.equal((await w2).modRevision, 4);
  const again = await open(path);
  assert.deepEqual((await again.list('/r/')).items.map((kv) => kv.value), ['1', '2', '3']);
  await again.close();
});

test('a watch opened while a batch is open gets each of its writes once, after the COMMIT', async () => {
  const s = await open();
  const base = await s.create('/w/base', 'b');
  // Three writes join one open batch; the watch starts from before them while it is still open.
  const writes = [s.create('/w/a', '1'), s.create('/w/b', '2'), s.update('/w/base', 'c', base.modRevision)];
  const w = s.watch('/w/', base.modRevision)[Symbol.asyncIterator]();
  await Promise.all(writes);
  const after = await s.create('/w/z', 'after');
  const got = (await drain(w, 4)).map((e) => `${e.type} ${e.kv.key}@${e.revision}`);
  const r = base.modRevision;
  assert.deepEqual(got, [`ADDED /w/a@${r + 1}`, `ADDED /w/b@${r + 2}`, `MODIFIED /w/base@${r + 3}`, `ADDED /w/z@${after.modRevision}`]);
  await s.close();
});
