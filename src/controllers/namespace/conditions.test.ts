import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NamespaceCondition, Pod } from 'kubernetes-types/core/v1.d.ts';
import { mergeConditions, wantedConditions, type ContentReport } from './conditions.ts';
import { estimateForPods } from './deleter.ts';
import { withoutOurFinalizer } from './finalize.ts';

const empty: ContentReport = { contentErrors: [], remaining: {}, finalizers: {} };
const brief = (cs: { type?: string; status?: string; reason?: string; message?: string }[]) => cs.map((c) => `${c.type}=${c.status} ${c.reason}: ${c.message}`);

describe('wantedConditions', () => {
  const cases: { name: string; input: ContentReport; want: string[] }[] = [
    {
      name: 'all clear: the five ok variants',
      input: empty,
      want: [
        'NamespaceDeletionDiscoveryFailure=False ResourcesDiscovered: All resources successfully discovered',
        'NamespaceDeletionGroupVersionParsingFailure=False ParsedGroupVersions: All legacy kube types successfully parsed',
        'NamespaceDeletionContentFailure=False ContentDeleted: All content successfully deleted, may be waiting on finalization',
        'NamespaceContentRemaining=False ContentRemoved: All content successfully removed',
        'NamespaceFinalizersRemaining=False ContentRemoved: All content successfully removed',
      ],
    },
    {
      name: 'content held by finalizers, sorted',
      input: { ...empty, remaining: { 'pods.': 2, 'configmaps.': 1, 'leases.coordination.k8s.io': 0 }, finalizers: { 'z.io/x': 1, 'a.io/y': 2 } },
      want: [
        'NamespaceDeletionDiscoveryFailure=False ResourcesDiscovered: All resources successfully discovered',
        'NamespaceDeletionGroupVersionParsingFailure=False ParsedGroupVersions: All legacy kube types successfully parsed',
        'NamespaceDeletionContentFailure=False ContentDeleted: All content successfully deleted, may be waiting on finalization',
        'NamespaceContentRemaining=True SomeResourcesRemain: Some resources are remaining: configmaps. has 1 resource instances, pods. has 2 resource instances',
        'NamespaceFinalizersRemaining=True SomeFinalizerRemain: Some finalizers are remaining: a.io/y in 2 resource instances, z.io/x in 1 resource instances',
      ],
    },
    {
      name: 'delete failures and discovery failure',
      input: { ...empty, discoveryError: 'boom', contentErrors: ['b failed', 'a failed'] },
      want: [
        'NamespaceDeletionDiscoveryFailure=True DiscoveryFailed: boom',
        'NamespaceDeletionGroupVersionParsingFailure=False ParsedGroupVersions: All legacy kube types successfully parsed',
        'NamespaceDeletionContentFailure=True ContentDeletionFailed: Failed to delete all resource types, 2 remaining: a failed, b failed',
        'NamespaceContentRemaining=False ContentRemoved: All content successfully removed',
        'NamespaceFinalizersRemaining=False ContentRemoved: All content successfully removed',
      ],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(brief(wantedConditions(c.input)), c.want));
});

describe('mergeConditions', () => {
  const T0 = '2025-01-01T00:00:00Z';
  const T1 = '2025-01-01T00:01:00Z';
  const ok = wantedConditions(empty);
  const okAt = (t: string): NamespaceCondition[] => ok.map((c) => ({ ...c, lastTransitionTime: t }));
  const stuck = wantedConditions({ ...empty, remaining: { 'pods.': 1 } });
  const cases: { name: string; current?: NamespaceCondition[]; wanted: typeof ok; want: { changed: boolean; times: (string | undefined)[]; first?: NamespaceCondition } }[] = [
    { name: 'none yet: all added', wanted: ok, want: { changed: true, times: [T1, T1, T1, T1, T1] } },
    { name: 'same: no write', current: okAt(T0), wanted: ok, want: { changed: false, times: [T0, T0, T0, T0, T0] } },
    { name: 'status flips: time moves for that one only', current: okAt(T0), wanted: stuck, want: { changed: true, times: [T0, T0, T0, T1, T0] } },
    {
      name: 'other conditions are kept first', current: [{ type: 'Other', status: 'True', lastTransitionTime: T0 }], wanted: ok,
      want: { changed: true, times: [T0, T1, T1, T1, T1, T1], first: { type: 'Other', status: 'True', lastTransitionTime: T0 } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = mergeConditions(c.current, c.wanted, T1);
      assert.equal(got.changed, c.want.changed);
      assert.deepEqual(got.conditions.map((x) => x.lastTransitionTime), c.want.times);
      if (c.want.first) assert.deepEqual(got.conditions[0], c.want.first);
    });
  }
  it('a message change is written without moving the time', () => {
    const cur = mergeConditions(undefined, stuck, T0).conditions;
    const got = mergeConditions(cur, wantedConditions({ ...empty, remaining: { 'pods.': 2 } }), T1);
    assert.equal(got.changed, true);
    assert.equal(got.conditions[3].message, 'Some resources are remaining: pods. has 2 resource instances');
    assert.equal(got.conditions[3].lastTransitionTime, T0);
  });
});

describe('estimateForPods', () => {
  const at = (s: number) => new Date(Date.UTC(2025, 0, 1) + s * 1000);
  const pod = (grace?: number, phase?: string): Pod => ({ spec: { containers: [], terminationGracePeriodSeconds: grace }, status: { phase } });
  const cases: { name: string; pods: Pod[]; elapsed: number; want: number }[] = [
    { name: 'no pods', pods: [], elapsed: 0, want: 0 },
    { name: 'longest grace of running pods', pods: [pod(30), pod(60), pod(10)], elapsed: 5, want: 60 },
    { name: 'terminal pods do not count', pods: [pod(30, 'Succeeded'), pod(90, 'Failed'), pod(5, 'Running')], elapsed: 0, want: 5 },
    { name: 'grace already elapsed since the namespace was deleted', pods: [pod(30)], elapsed: 30, want: 0 },
  ];
  for (const c of cases) it(c.name, () => assert.equal(estimateForPods(c.pods, at(0), at(c.elapsed)), c.want));
});

describe('withoutOurFinalizer', () => {
  const cases: { name: string; input: string[] | undefined; want: string[] }[] = [
    { name: 'only ours', input: ['kubernetes'], want: [] },
    { name: 'others kept, sorted', input: ['z.io/b', 'kubernetes', 'a.io/a'], want: ['a.io/a', 'z.io/b'] },
    { name: 'none', input: undefined, want: [] },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(withoutOurFinalizer({ metadata: { name: 'x' }, spec: { finalizers: c.input } }).spec?.finalizers, c.want));
});
