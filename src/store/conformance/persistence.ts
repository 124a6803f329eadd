/** Conformance for persistent backends: what survives close and reopen. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompactedError } from '../types.ts';
import { T, brief, take, withStore } from './harness.ts';
import type { Harness } from './harness.ts';

export function persistenceTests(h: Harness): void {
  const reopen = h.reopen;
  if (!reopen) return;

  test('values, revisions and history survive reopen', T, () => withStore(h, async (s0) => {
    const from = await s0.currentRevision();
    const a = await s0.create('/r/a', 'v1');
    await s0.update('/r/a', 'v2', a.modRevision);
    await s0.create('/r/b', 'b');
    const rev = await s0.currentRevision();
    const s = await reopen(s0);
    assert.equal(await s.currentRevision(), rev);
    assert.deepEqual((await s.list('/r/')).items.map((kv) => [kv.key, kv.value, kv.modRevision]), [['/r/a', 'v2', from + 2], ['/r/b', 'b', from + 3]]);
    assert.equal((await s.create('/r/c', 'c')).modRevision, rev + 1);
    const w = s.watch('/r/', from);
    assert.deepEqual(brief(await take(w, 2)), [`ADDED /r/a=v1@${from + 1}`, `MODIFIED /r/a=v2@${from + 2} prev=v1@${from + 1}`]);
    w.close();
    return s;
  }));

  test('the compacted revision survives reopen and revisions are never reused', T, () => withStore(h, async (s0) => {
    await s0.create('/r/a', '1');
    await s0.create('/r/b', '1');
    await s0.delete('/r/b');
    const cur = await s0.currentRevision();
    // The newest row is a tombstone that compaction removes: the counter must not go back.
    await s0.compact(cur);
    const s = await reopen(s0);
    assert.equal(await s.compactedRevision(), cur);
    assert.equal(await s.currentRevision(), cur);
    assert.throws(() => s.watch('/r/', cur - 1), CompactedError);
    assert.equal((await s.create('/r/c', '1')).modRevision, cur + 1);
    return s;
  }));
}
