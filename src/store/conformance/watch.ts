/** Conformance: watch (live events, history replay, prefixes, close). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, brief, take, withStore } from './harness.ts';
import type { Harness } from './harness.ts';

export function watchTests(h: Harness): void {
  test('live events carry values, prev values, and DELETED the last value', T, () => withStore(h, async (s) => {
    const r0 = await s.currentRevision();
    const w = s.watch('/r/', r0);
    const a = await s.create('/r/a', 'v1');
    await s.update('/r/a', 'v2', a.modRevision);
    await s.delete('/r/a');
    const evs = await take(w, 3);
    assert.deepEqual(brief(evs), [
      `ADDED /r/a=v1@${r0 + 1}`,
      `MODIFIED /r/a=v2@${r0 + 2} prev=v1@${r0 + 1}`,
      `DELETED /r/a=v2@${r0 + 3} prev=v2@${r0 + 2}`,
    ]);
    assert.deepEqual(evs[2].kv, { key: '/r/a', value: 'v2', createRevision: r0 + 1, modRevision: r0 + 3 });
    assert.equal(evs[1].prev?.createRevision, r0 + 1);
    w.close();
  }));

  test('watch from an older revision replays history, then continues live without gap or repeat', T, () => withStore(h, async (s) => {
    const start = await s.currentRevision();
    for (let i = 0; i < 10; i++) await s.create(`/r/k${i}`, `v${i}`);
    const from = start + 4;
    const w = s.watch('/r/', from);
    for (let i = 10; i < 15; i++) await s.create(`/r/k${i}`, `v${i}`);
    const evs = await take(w, 10);
    assert.deepEqual(evs.map((e) => e.revision), Array.from({ length: 10 }, (_, i) => from + 1 + i));
    assert.deepEqual(evs.map((e) => e.kv.value), Array.from({ length: 10 }, (_, i) => `v${i + 4}`));
    assert.ok(evs.every((e) => e.type === 'ADDED' && e.revision === e.kv.modRevision && e.prev === undefined));
    w.close();
  }));

  test('a watch opened while writes are in flight sees each of them exactly once', T, () => withStore(h, async (s) => {
    const from = await s.currentRevision();
    const writes: Promise<unknown>[] = [];
    const watchers = [];
    // Interleave un-awaited writes with new watches: each watch sees every write after `from`
    // once, whether it arrives by replay or live.
    for (let i = 0; i < 5; i++) {
      writes.push(s.create(`/r/k${i}`, `v${i}`));
      watchers.push(s.watch('/r/', from));
    }
    writes.push(s.create('/r/last', 'v'));
    await Promise.all(writes);
    for (const w of watchers) {
      const evs = await take(w, 6);
      assert.deepEqual(evs.map((e) => e.revision), [1, 2, 3, 4, 5, 6].map((d) => from + d));
      w.close();
    }
  }));

  test('replay includes modifications and deletes with their prev values', T, () => withStore(h, async (s) => {
    const from = await s.currentRevision();
    const a = await s.create('/r/a', 'v1');
    await s.update('/r/a', 'v2', a.modRevision);
    await s.delete('/r/a');
    const w = s.watch('/r/', from);
    assert.deepEqual(brief(await take(w, 3)), [
      `ADDED /r/a=v1@${from + 1}`,
      `MODIFIED /r/a=v2@${from + 2} prev=v1@${from + 1}`,
      `DELETED /r/a=v2@${from + 3} prev=v2@${from + 2}`,
    ]);
    w.close();
  }));

  test('watch sees only its prefix (pods/ vs podsx/)', T, () => withStore(h, async (s) => {
    const from = await s.currentRevision();
    await s.create('/registry/podsx/ns/a', 'x');
    const w = s.watch('/registry/pods/', from);
    await s.create('/registry/podsx/ns/b', 'x');
    await s.create('/registry/pods/ns/a', 'p');
    const [ev] = await take(w, 1);
    assert.equal(ev.kv.key, '/registry/pods/ns/a');
    w.close();
  }));

  test('close ends the iteration; other watchers keep going', T, () => withStore(h, async (s) => {
    const from = await s.currentRevision();
    const w1 = s.watch('/r/', from);
    const w2 = s.watch('/r/', from);
    const it = w1[Symbol.asyncIterator]();
    const pending = it.next();
    w1.close();
    assert.deepEqual(await pending, { done: true, value: undefined });
    await s.create('/r/a', '1');
    assert.equal((await take(w2, 1))[0].kv.key, '/r/a');
    let after = 0;
    for await (const _ of w1) after++;
    assert.equal(after, 0);
    w2.close();
  }));

  test('a watcher nobody reads does not block writers', T, () => withStore(h, async (s) => {
    const w = s.watch('/r/', await s.currentRevision());
    for (let i = 0; i < 500; i++) await s.create(`/r/k${i}`, 'v');
    assert.equal(await s.count('/r/'), 500);
    const evs = await take(w, 500);
    assert.equal(evs[499].kv.key, '/r/k499');
    w.close();
  }));
}
