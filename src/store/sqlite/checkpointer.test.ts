import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './schema.ts';
import { Checkpointer } from './checkpointer.ts';

async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('the worker thread moves committed WAL pages into the database file; the main connection does not', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-ckpt-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'state.db');
  const db = openDatabase(path);
  // The backstop is far away, so only the worker can checkpoint these writes.
  const ckpt = new Checkpointer(db, path, { everyPages: 50, backstopPages: 1_000_000, busyWithinMs: 0 });
  const before = statSync(path).size;
  const insert = db.prepare('INSERT INTO log (id, name, created, deleted, create_revision, prev_revision, value) VALUES (?, ?, 1, 0, ?, 0, ?)');
  for (let i = 0; i < 200; i++) {
    db.exec('BEGIN IMMEDIATE');
    insert.run(i + 2, `/k${i}`, i + 2, 'x'.repeat(3000));
    db.exec('COMMIT');
  }
  assert.equal(statSync(path).size, before, 'the main connection must not have checkpointed');
  ckpt.committed(50);
  await until('the database file to grow', () => statSync(path).size > before + 200 * 3000);
  await ckpt.close();
  db.close();
});

test('the worker starts only once writes are busy; until then SQLite checkpoints in the commit', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-ckpt-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'state.db');
  const db = openDatabase(path);
  const ckpt = new Checkpointer(db, path, { everyPages: 50, busyWithinMs: 60_000 });
  assert.equal(ckpt.threaded, false);
  ckpt.committed(49);
  ckpt.committed(1);
  assert.equal(ckpt.threaded, false, 'one batch of pages is not busy');
  ckpt.committed(50);
  assert.equal(ckpt.threaded, true, 'a second batch within the window is');
  await ckpt.close();
  db.close();
});
