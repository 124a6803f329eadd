/** Conformance: get, create, update (CAS), delete, revisions, count. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyExistsError } from '../types.ts';
import { T, withStore } from './harness.ts';
import type { Harness } from './harness.ts';

export function crudTests(h: Harness): void {
  test('create then get returns the value at the new revision', T, () => withStore(h, async (s) => {
    const before = await s.currentRevision();
    const kv = await s.create('/registry/pods/ns/a', 'v1');
    assert.deepEqual(kv, { key: '/registry/pods/ns/a', value: 'v1', createRevision: before + 1, modRevision: before + 1 });
    assert.equal(await s.currentRevision(), before + 1);
    assert.deepEqual(await s.get('/registry/pods/ns/a'), kv);
    assert.equal(await s.get('/registry/pods/ns/missing'), undefined);
  }));

  test('create of an existing key fails with KeyExistsError and takes no revision', T, () => withStore(h, async (s) => {
    await s.create('/k/a', 'v1');
    const rev = await s.currentRevision();
    await assert.rejects(s.create('/k/a', 'v2'), (e) => e instanceof KeyExistsError && e.key === '/k/a');
    assert.equal(await s.currentRevision(), rev);
    assert.equal((await s.get('/k/a'))?.value, 'v1');
  }));

  test('update with the current mod revision succeeds and keeps createRevision', T, () => withStore(h, async (s) => {
    const a = await s.create('/k/a', 'v1');
    const r = await s.update('/k/a', 'v2', a.modRevision);
    assert.deepEqual(r, { succeeded: true, kv: { key: '/k/a', value: 'v2', createRevision: a.createRevision, modRevision: a.modRevision + 1 } });
    assert.deepEqual(await s.get('/k/a'), r.succeeded ? r.kv : undefined);
  }));

  test('update with a stale mod revision fails, returns the current value, takes no revision', T, () => withStore(h, async (s) => {
    const a = await s.create('/k/a', 'v1');
    const b = await s.update('/k/a', 'v2', a.modRevision);
    assert.ok(b.succeeded);
    const rev = await s.currentRevision();
    const r = await s.update('/k/a', 'v3', a.modRevision);
    assert.deepEqual(r, { succeeded: false, current: b.kv });
    assert.equal(await s.currentRevision(), rev);
    assert.deepEqual(await s.update('/k/missing', 'x', 1), { succeeded: false, current: undefined });
  }));

  test('delete without an expected revision returns the last value and the delete revision', T, () => withStore(h, async (s) => {
    const a = await s.create('/k/a', 'v1');
    const r = await s.delete('/k/a');
    assert.deepEqual(r, { succeeded: true, prev: a, revision: a.modRevision + 1 });
    assert.equal(await s.currentRevision(), a.modRevision + 1);
    assert.equal(await s.get('/k/a'), undefined);
    assert.deepEqual(await s.delete('/k/a'), { succeeded: false, current: undefined });
  }));

  test('delete with an expected revision is a compare-and-delete', T, () => withStore(h, async (s) => {
    const a = await s.create('/k/a', 'v1');
    const u = await s.update('/k/a', 'v2', a.modRevision);
    assert.ok(u.succeeded);
    assert.deepEqual(await s.delete('/k/a', a.modRevision), { succeeded: false, current: u.kv });
    assert.equal((await s.get('/k/a'))?.value, 'v2');
    const r = await s.delete('/k/a', u.kv.modRevision);
    assert.equal(r.succeeded, true);
    assert.equal(await s.get('/k/a'), undefined);
  }));

  test('a key created again after delete starts a new life', T, () => withStore(h, async (s) => {
    await s.create('/k/a', 'v1');
    await s.delete('/k/a');
    const again = await s.create('/k/a', 'v2');
    assert.equal(again.createRevision, again.modRevision);
    assert.equal(again.createRevision, await s.currentRevision());
  }));

  test('concurrent writers each get a distinct, consecutive revision', T, () => withStore(h, async (s) => {
    const start = await s.currentRevision();
    const n = 60;
    const kvs = await Promise.all(Array.from({ length: n }, (_, i) => s.create(`/k/c${i}`, `v${i}`)));
    const updates = await Promise.all(kvs.map((kv) => s.update(kv.key, 'u', kv.modRevision)));
    const revs = [...kvs.map((kv) => kv.modRevision), ...updates.map((u) => (u.succeeded ? u.kv.modRevision : -1))];
    assert.deepEqual([...revs].sort((a, b) => a - b), Array.from({ length: 2 * n }, (_, i) => start + 1 + i));
    assert.equal(await s.currentRevision(), start + 2 * n);
  }));

  test('count counts live keys under a prefix only', T, () => withStore(h, async (s) => {
    for (const k of ['/registry/pods/a/1', '/registry/pods/b/2', '/registry/podsx/a/1', '/registry/services/a/1']) await s.create(k, 'v');
    await s.create('/registry/pods/a/3', 'v');
    await s.delete('/registry/pods/a/3');
    assert.equal(await s.count('/registry/pods/'), 2);
    assert.equal(await s.count('/registry/pods/a/'), 1);
    assert.equal(await s.count('/registry/podsx/'), 1);
    assert.equal(await s.count('/registry/none/'), 0);
    assert.equal(await s.count(''), 4);
  }));
}
