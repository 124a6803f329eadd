/** Conformance: compaction and the errors it makes reads and watches return. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompactedError, FutureRevisionError } from '../types.ts';
import { T, brief, take, withStore } from './harness.ts';
import type { Harness } from './harness.ts';

export function compactionTests(h: Harness): void {
  test('after compact(r), reads below r fail and reads at r or later work', T, () => withStore(h, async (s) => {
    const a = await s.create('/r/p/a', 'a1');
    await s.update('/r/p/a', 'a2', a.modRevision);
    await s.create('/r/p/b', 'b1');
    const r = await s.currentRevision();
    await s.delete('/r/p/b');
    await s.update('/r/p/a', 'a3', r - 1);
    await s.compact(r);
    assert.equal(await s.compactedRevision(), r);
    await assert.rejects(s.list('/r/p/', { revision: r - 1 }),
      (e) => e instanceof CompactedError && e.requested === r - 1 && e.compacted === r);
    const at = await s.list('/r/p/', { revision: r });
    assert.deepEqual(at.items.map((kv) => [kv.key, kv.value]), [['/r/p/a', 'a2'], ['/r/p/b', 'b1']]);
    assert.deepEqual((await s.list('/r/p/')).items.map((kv) => kv.value), ['a3']);
  }));

  test('compaction keeps the latest value of every live key', T, () => withStore(h, async (s) => {
    const lone = await s.create('/r/lone', 'only');
    for (let i = 0; i < 30; i++) await s.create(`/r/x/${i}`, 'x');
    for (let i = 0; i < 30; i++) await s.delete(`/r/x/${i}`);
    const cur = await s.currentRevision();
    await s.compact(cur);
    assert.deepEqual(await s.get('/r/lone'), lone);
    assert.deepEqual((await s.list('/r/', { revision: cur })).items, [lone]);
    assert.equal(await s.count('/r/'), 1);
  }));

  test('watch below the compacted revision throws CompactedError synchronously', T, () => withStore(h, async (s) => {
    await s.create('/r/a', '1');
    await s.create('/r/b', '1');
    const r = await s.currentRevision();
    await s.create('/r/c', '1');
    await s.compact(r);
    assert.throws(() => s.watch('/r/', r - 1), (e) => e instanceof CompactedError && e.compacted === r);
    const w = s.watch('/r/', r);
    assert.deepEqual(brief(await take(w, 1)), [`ADDED /r/c=1@${r + 1}`]);
    w.close();
  }));

  test('compacting to a future revision fails; to an older one is a no-op', T, () => withStore(h, async (s) => {
    await s.create('/r/a', '1');
    await s.create('/r/b', '1');
    const cur = await s.currentRevision();
    await assert.rejects(s.compact(cur + 5), FutureRevisionError);
    await s.compact(cur);
    await s.compact(cur - 1);
    assert.equal(await s.compactedRevision(), cur);
  }));

  test('writes during compaction keep their revisions and values', T, () => withStore(h, async (s) => {
    for (let i = 0; i < 200; i++) await s.create(`/r/k${i}`, 'a');
    for (let i = 0; i < 200; i++) await s.update(`/r/k${i}`, 'b', (await s.get(`/r/k${i}`))!.modRevision);
    const target = await s.currentRevision();
    const compacting = s.compact(target);
    const writes = await Promise.all(Array.from({ length: 50 }, (_, i) => s.create(`/r/new${i}`, 'n')));
    await compacting;
    assert.deepEqual(writes.map((kv) => kv.modRevision), Array.from({ length: 50 }, (_, i) => target + 1 + i));
    assert.equal(await s.count('/r/'), 250);
    assert.ok((await s.list('/r/')).items.every((kv) => kv.value === (kv.key.startsWith('/r/new') ? 'n' : 'b')));
  }));
}
