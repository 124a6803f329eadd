import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { activeOrReadyChanged, sameLabels } from './pod-util.ts';

it('sameLabels: equal as maps, key order ignored, none and empty alike', () => {
  const cases: { name: string; a?: Record<string, string>; b?: Record<string, string>; want: boolean }[] = [
    { name: 'both missing', want: true },
    { name: 'missing and empty', a: {}, want: true },
    { name: 'same pairs, other order', a: { x: '1', y: '2' }, b: { y: '2', x: '1' }, want: true },
    { name: 'a value differs', a: { x: '1' }, b: { x: '2' }, want: false },
    { name: 'one more key', a: { x: '1' }, b: { x: '1', y: '2' }, want: false },
    { name: 'one key fewer', a: { x: '1', y: '2' }, b: { x: '1' }, want: false },
    { name: 'added to none', b: { x: '1' }, want: false },
    { name: 'an inherited name is not a label', a: { constructor: 'c' }, b: {}, want: false },
  ];
  for (const c of cases) assert.equal(sameLabels(c.a, c.b), c.want, c.name);
});

it('activeOrReadyChanged: only what a ReplicaSet sync reads of a pod', () => {
  type Conds = NonNullable<NonNullable<Pod['status']>['conditions']>;
  const ready = (status: 'True' | 'False', at = '2026-11-22T00:00:00Z') => ({ type: 'Ready', status, lastTransitionTime: at });
  const scheduled = { type: 'PodScheduled', status: 'True' };
  const pod = (phase: string, conditions: Conds = [scheduled], extra: { nodeName?: string; restarts?: number; deleting?: boolean } = {}): Pod => ({
    metadata: { name: 'p', ...(extra.deleting ? { deletionTimestamp: '2026-11-22T00:00:00Z' } : {}) },
    spec: { containers: [], ...(extra.nodeName ? { nodeName: extra.nodeName } : {}) },
    status: { phase, conditions, ...(extra.restarts !== undefined ? { containerStatuses: [{ name: 'a', image: 'i', imageID: '', ready: true, restartCount: extra.restarts }] } : {}) },
  });
  const cases: { name: string; old: Pod; cur: Pod; want: boolean }[] = [
    { name: 'a binding: nodeName and PodScheduled', old: pod('Pending', []), cur: pod('Pending', [scheduled], { nodeName: 'n1' }), want: false },
    { name: 'restart count', old: pod('Running', [ready('True')], { restarts: 0 }), cur: pod('Running', [ready('True')], { restarts: 1 }), want: false },
    { name: 'Pending to Running', old: pod('Pending'), cur: pod('Running'), want: true },
    { name: 'Running to Failed', old: pod('Running'), cur: pod('Failed'), want: true },
    { name: 'turned Ready', old: pod('Running', [ready('False')]), cur: pod('Running', [ready('True')]), want: true },
    { name: 'a Ready condition appears', old: pod('Running'), cur: pod('Running', [scheduled, ready('True')]), want: true },
    { name: 'Ready again since another time', old: pod('Running', [ready('True')]), cur: pod('Running', [ready('True', '2026-11-22T00:01:00Z')]), want: true },
    { name: 'marked for deletion', old: pod('Running'), cur: pod('Running', [scheduled], { deleting: true }), want: true },
  ];
  for (const c of cases) assert.equal(activeOrReadyChanged(c.old, c.cur), c.want, c.name);
});
