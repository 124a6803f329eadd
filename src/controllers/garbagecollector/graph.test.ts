import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classify, decideDeleting, decideItem, unblockRefs, withoutRefs, type Meta, type OwnerState, type Ref } from './graph.ts';

const ref = (uid: string, block?: boolean): Ref => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: uid, uid, ...(block === undefined ? {} : { blockOwnerDeletion: block }) });
const states = (m: Record<string, OwnerState | undefined>) => (r: Ref) => m[r.uid];

describe('classify', () => {
  const cases: { name: string; refs: Ref[]; st: Record<string, OwnerState | undefined>; want: [string[], string[], string[]] }[] = [
    { name: 'none', refs: [], st: {}, want: [[], [], []] },
    { name: 'live owner is solid', refs: [ref('a')], st: { a: 'live' }, want: [['a'], [], []] },
    { name: 'absent owner dangles', refs: [ref('a')], st: { a: 'absent' }, want: [[], ['a'], []] },
    { name: 'foreground owner waits', refs: [ref('a')], st: { a: 'deletingDependents' }, want: [[], [], ['a']] },
    { name: 'unknown kind counts as solid', refs: [ref('a')], st: {}, want: [['a'], [], []] },
    { name: 'mixed', refs: [ref('a'), ref('b'), ref('c')], st: { a: 'absent', b: 'live', c: 'deletingDependents' }, want: [['b'], ['a'], ['c']] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = classify(c.refs, states(c.st));
      assert.deepEqual([got.solid, got.dangling, got.waiting].map((l) => l.map((r) => r.uid)), c.want);
    });
  }
});

describe('decideItem', () => {
  const dep = (m: Partial<Meta> = {}): Meta => ({ uid: 'd', ...m });
  const cases: { name: string; item: Meta; refs: Ref[]; st: Record<string, OwnerState>; deps?: Meta[]; want: ReturnType<typeof decideItem> }[] = [
    { name: 'no owners: nothing', item: {}, refs: [], st: {}, want: { type: 'none' } },
    { name: 'live owner: nothing', item: {}, refs: [ref('a')], st: { a: 'live' }, want: { type: 'none' } },
    { name: 'only owner gone: background delete', item: {}, refs: [ref('a')], st: { a: 'absent' }, want: { type: 'delete', policy: 'Background', unblock: [] } },
    { name: 'all owners gone: delete', item: {}, refs: [ref('a'), ref('b')], st: { a: 'absent', b: 'absent' }, want: { type: 'delete', policy: 'Background', unblock: [] } },
    { name: 'one owner gone, one live: drop the dead ref only', item: {}, refs: [ref('a'), ref('b')], st: { a: 'absent', b: 'live' }, want: { type: 'removeRefs', uids: ['a'] } },
    { name: 'waiting and live owners: drop the waiting ref', item: {}, refs: [ref('a'), ref('b')], st: { a: 'deletingDependents', b: 'live' }, want: { type: 'removeRefs', uids: ['a'] } },
    { name: 'owner in foreground, no dependents: background delete', item: {}, refs: [ref('a')], st: { a: 'deletingDependents' }, want: { type: 'delete', policy: 'Background', unblock: [] } },
    { name: 'owner in foreground, has dependents: cascade in foreground', item: {}, refs: [ref('a')], st: { a: 'deletingDependents' }, deps: [dep()], want: { type: 'delete', policy: 'Foreground', unblock: [] } },
    {
      name: 'cycle: a dependent is itself deleting dependents: unblock first', item: {}, refs: [ref('a')], st: { a: 'deletingDependents' },
      deps: [dep({ deletionTimestamp: 't', finalizers: ['foregroundDeletion'] })], want: { type: 'delete', policy: 'Foreground', unblock: ['a'] },
    },
    { name: 'item asked for orphan itself', item: { finalizers: ['orphan'] }, refs: [ref('a')], st: { a: 'absent' }, want: { type: 'delete', policy: 'Orphan', unblock: [] } },
    { name: 'item asked for foreground itself', item: { finalizers: ['foregroundDeletion'] }, refs: [ref('a')], st: { a: 'absent' }, want: { type: 'delete', policy: 'Foreground', unblock: [] } },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(decideItem(c.item, classify(c.refs, states(c.st)), c.deps ?? []), c.want));
  }
});

describe('decideDeleting', () => {
  const owner = (finalizers: string[]): Meta => ({ uid: 'o', deletionTimestamp: '2025-01-01T00:00:00Z', finalizers });
  const d = (uid: string, block?: boolean, extra: Partial<Meta> = {}): Meta => ({ uid, ownerReferences: [ref('o', block)], ...extra });
  const cases: { name: string; owner: Meta; deps: Meta[]; want: ReturnType<typeof decideDeleting> }[] = [
    { name: 'plain deletion: nothing to do', owner: owner([]), deps: [d('x')], want: { type: 'skip' } },
    { name: 'orphan: every dependent loses the ref', owner: owner(['orphan']), deps: [d('x'), d('y', true)], want: { type: 'orphan', dependents: ['x', 'y'] } },
    { name: 'orphan with no dependents', owner: owner(['orphan']), deps: [], want: { type: 'orphan', dependents: [] } },
    { name: 'foreground, no dependents: drop finalizer', owner: owner(['foregroundDeletion']), deps: [], want: { type: 'removeForegroundFinalizer' } },
    { name: 'foreground, only non-blocking dependents: drop finalizer', owner: owner(['foregroundDeletion']), deps: [d('x'), d('y', false)], want: { type: 'removeForegroundFinalizer' } },
    { name: 'foreground, blocking dependent: wait and delete dependents', owner: owner(['foregroundDeletion']), deps: [d('x', true), d('y')], want: { type: 'wait', enqueue: ['x', 'y'] } },
    {
      name: 'foreground: dependents already deleting theirs are not re-queued', owner: owner(['foregroundDeletion']),
      deps: [d('x', true, { deletionTimestamp: 't', finalizers: ['foregroundDeletion'] }), d('y', true)], want: { type: 'wait', enqueue: ['y'] },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(decideDeleting(c.owner, c.deps), c.want));
});

describe('ref edits', () => {
  it('withoutRefs drops the named owners', () => assert.deepEqual(withoutRefs([ref('a'), ref('b')], ['a']).map((r) => r.uid), ['b']));
  it('unblockRefs clears blockOwnerDeletion on the named owners only', () => {
    assert.deepEqual(unblockRefs([ref('a', true), ref('b', true)], ['a']).map((r) => r.blockOwnerDeletion), [false, true]);
  });
});
