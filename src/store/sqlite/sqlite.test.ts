import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Store } from '../types.ts';
import { runStoreConformance } from '../conformance/suite.ts';
import { openSqliteStore } from './index.ts';
import type { SqliteStoreOptions } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'k8ts-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const paths = new WeakMap<Store, string>();

async function open(opts: SqliteStoreOptions = {}, path = join(dir, `s${n++}.db`)): Promise<Store> {
  const s = await openSqliteStore(path, { autoCompact: false, compactBatch: 7, ...opts });
  paths.set(s, path);
  return s;
}

runStoreConformance('sqlite', () => open(), {
  reopen: async (s) => { await s.close(); return open({}, paths.get(s)); },
});

function logRows(path: string): { name: string; deleted: number }[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try { return db.prepare('SELECT name, deleted FROM log ORDER BY id').all() as unknown as { name: string; deleted: number }[]; }
  finally { db.close(); }
}

test('sqlite: compaction removes tombstones and superseded rows from the log file', async () => {
  const s = await open();
  const path = paths.get(s)!;
  const a = await s.create('/r/a', '1');
  await s.update('/r/a', '2', a.modRevision);
  await s.create('/r/b', '1');
  await s.delete('/r/b');
  for (let i = 0; i < 40; i++) await s.create(`/r/x${i}`, 'x');
  await s.compact(await s.currentRevision());
  const rows = logRows(path);
  assert.equal(rows.filter((r) => r.deleted).length, 0);
  assert.equal(rows.filter((r) => r.name === '/r/a').length, 1);
  assert.equal(rows.filter((r) => r.name === '/r/b').length, 0);
  assert.equal(rows.length, 41);
  await s.close();
});

function setMeta(path: string, name: string, value: number): void {
  const db = new DatabaseSync(path);
  try { db.prepare('UPDATE meta SET value = ? WHERE name = ?').run(value, name); } finally { db.close(); }
}

test('sqlite: a compaction cut short (close, crash) is finished by the next one', async () => {
  const s = await open();
  const path = paths.get(s)!;
  let a = await s.create('/r/a', '0');
  for (let i = 1; i <= 20; i++) {
    const r = await s.update('/r/a', String(i), a.modRevision);
    assert.ok(r.succeeded);
    a = r.kv;
  }
  await s.create('/r/b', '1');
  await s.delete('/r/b');
  const target = await s.currentRevision();
  await s.close();
  // As if the process died right after publishing the floor, before removing any row.
  setMeta(path, 'compacted', target);
  const again = await open({}, path);
  assert.equal(logRows(path).length, 23);
  await again.compact(target); // the floor stands already: only the sweep is left to do
  assert.deepEqual(logRows(path).map((r) => ({ ...r })), [{ name: '/r/a', deleted: 0 }]);
  assert.equal((await again.get('/r/a'))?.value, '20');
  await again.close();
});

test('sqlite: a file with the old log (name index, old values) and values in kv is upgraded and keeps its history', async () => {
  const path = join(dir, 'old-log.db');
  const old = new DatabaseSync(path);
  old.exec(`PRAGMA journal_mode = WAL;
    CREATE TABLE log (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created INTEGER NOT NULL, deleted INTEGER NOT NULL,
      create_revision INTEGER NOT NULL, prev_revision INTEGER NOT NULL, value TEXT NOT NULL, old_value TEXT);
    CREATE INDEX log_name_id ON log (name, id);
    CREATE TABLE kv (name TEXT NOT NULL UNIQUE, value TEXT NOT NULL, create_revision INTEGER NOT NULL, mod_revision INTEGER NOT NULL);
    CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO meta VALUES ('revision', 4), ('compacted', 0);
    INSERT INTO log VALUES (2, '/r/a', 1, 0, 2, 0, 'a1', NULL), (3, '/r/a', 0, 0, 2, 2, 'a2', 'a1'), (4, '/r/b', 1, 0, 4, 0, 'b1', NULL);
    INSERT INTO kv VALUES ('/r/a', 'a2', 2, 3), ('/r/b', 'b1', 4, 4);`);
  old.close();
  const s = await open({}, path);
  assert.deepEqual((await s.list('/r/', { revision: 2 })).items.map((kv) => [kv.key, kv.value]), [['/r/a', 'a1']]);
  const w = s.watch('/r/', 2);
  const it = w[Symbol.asyncIterator]();
  const ev = (await it.next()).value;
  assert.deepEqual([ev?.type, ev?.kv.value, ev?.prev?.value], ['MODIFIED', 'a2', 'a1']);
  w.close();
  assert.equal((await s.create('/r/c', 'c1')).modRevision, 5);
  assert.deepEqual((await s.list('/r/')).items.map((kv) => [kv.key, kv.value, kv.createRevision, kv.modRevision]),
    [['/r/a', 'a2', 2, 3], ['/r/b', 'b1', 4, 4], ['/r/c', 'c1', 5, 5]]);
  await s.close();
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    assert.deepEqual((db.prepare('PRAGMA table_info(log)').all() as { name: string }[]).map((c) => c.name),
      ['id', 'name', 'created', 'deleted', 'create_revision', 'prev_revision', 'value']);
    assert.deepEqual((db.prepare('PRAGMA table_info(kv)').all() as { name: string }[]).map((c) => c.name),
      ['name', 'create_revision', 'mod_revision']);
    assert.equal(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name = 'log_name_id'").get()?.n, 0);
  } finally { db.close(); }
});

test('sqlite: upgrading values out of kv puts back a current row the log lacks', async () => {
  const path = join(dir, 'kv-values.db');
  const old = new DatabaseSync(path);
  old.exec(`PRAGMA journal_mode = WAL;
    CREATE TABLE log (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created INTEGER NOT NULL, deleted INTEGER NOT NULL,
      create_revision INTEGER NOT NULL, prev_revision INTEGER NOT NULL, value TEXT NOT NULL);
    CREATE TABLE kv (name TEXT NOT NULL UNIQUE, value TEXT NOT NULL, create_revision INTEGER NOT NULL, mod_revision INTEGER NOT NULL);
    CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO meta VALUES ('revision', 5), ('compacted', 0), ('swept', 0);
    INSERT INTO log VALUES (2, '/r/a', 1, 0, 2, 0, 'a1'), (5, '/r/b', 0, 0, 3, 4, 'b3');
    INSERT INTO kv VALUES ('/r/a', 'a1', 2, 2), ('/r/b', 'b3', 3, 5), ('/r/c', 'c1', 4, 4);`);
  old.close();
  const s = await open({}, path);
  assert.deepEqual((await s.list('/r/')).items.map((kv) => [kv.key, kv.value, kv.createRevision, kv.modRevision]),
    [['/r/a', 'a1', 2, 2], ['/r/b', 'b3', 3, 5], ['/r/c', 'c1', 4, 4]]);
  const c = await s.update('/r/c', 'c2', 4);
  assert.ok(c.succeeded);
  assert.equal((await s.get('/r/c'))?.value, 'c2');
  await s.close();
});

test('sqlite: the auto compactor keeps the last N revisions', async () => {
  let fire: (() => void) | undefined;
  const timers = { setInterval: (fn: () => void) => { fire = fn; return 1; }, clearInterval: () => { fire = undefined; } };
  const s = await open({ autoCompact: { keep: 10, intervalMs: 1000, timers } });
  for (let i = 0; i < 25; i++) await s.create(`/r/k${i}`, 'v');
  assert.ok(fire, 'compactor timer registered');
  const cur = await s.currentRevision();
  const { compactor } = s as unknown as { compactor: { tick(): Promise<number | undefined> } };
  assert.equal(await compactor.tick(), cur - 10);
  assert.equal(await s.compactedRevision(), cur - 10);
  assert.equal(await compactor.tick(), undefined);
  await s.close();
  assert.equal(fire, undefined, 'close stops the timer');
});

test('sqlite: LIST of 10 000 keys of 2 KB at the current revision takes well under 100 ms', async () => {
  const s = await open();
  const value = JSON.stringify({ pad: 'x'.repeat(2000) });
  for (let i = 0; i < 10_000; i++) await s.create(`/registry/pods/ns/p${String(i).padStart(5, '0')}`, value);
  await s.list('/registry/pods/'); // warm the page cache
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const r = await s.list('/registry/pods/');
    times.push(performance.now() - t0);
    assert.equal(r.items.length, 10_000);
  }
  times.sort((a, b) => a - b);
  // The best of 7 runs: the machine is shared with other test files (and GC of the previous
  // 20 MB result lands in random runs), so the median can swing while the store's own cost
  // (≈15–25 ms here) does not.
  assert.ok(times[0] < 100, `list times ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
  await s.close();
});

test('sqlite: a watcher past watchBufferLimit ends with WatchOverflowError; writers go on', async () => {
  const s = await open({ watchBufferLimit: 50 });
  const w = s.watch('/r/', await s.currentRevision());
  for (let i = 0; i < 120; i++) await s.create(`/r/k${i}`, 'v');
  assert.equal(await s.count('/r/'), 120);
  await assert.rejects(w[Symbol.asyncIterator]().next(), { name: 'WatchOverflowError' });
  await s.close();
});

test('sqlite: a new file has 16 KiB pages; one made with 4 KiB pages keeps them and its data', async () => {
  const pageSize = (path: string) => {
    const db = new DatabaseSync(path, { readOnly: true });
    try { return (db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size; } finally { db.close(); }
  };
  const fresh = await open();
  await fresh.create('/registry/a', 'x');
  await fresh.close();
  assert.equal(pageSize(paths.get(fresh)!), 16384);

  const oldPath = join(dir, 'old-pages.db');
  const old = new DatabaseSync(oldPath);
  old.exec('PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE t (x)');
  old.close();
  const s = await open({}, oldPath);
  await s.create('/registry/b', 'y');
  assert.equal((await s.get('/registry/b'))?.value, 'y');
  await s.close();
  assert.equal(pageSize(oldPath), 4096);
});
