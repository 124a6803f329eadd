/**
 * Issue 6's plan transitions, table-driven: probe failures (liveness, startup, restart policy,
 * the probe's grace), sidecar order and startup probes, init failure and retries, and the stop
 * order of a pod deleted during init.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import { Backoff } from './backoff.ts';
import { containerHash } from './hash.ts';
import { graceAfterHook, killStages } from './kill-order.ts';
import type { ObservedContainer, ObservedPod } from './observed.ts';
import { computePodActions, type PodActions } from './plan.ts';
import type { ProbeView } from '../prober/types.ts';

const T0 = Date.UTC(2026, 0, 1);
const app: Container = { name: 'app', image: 'busybox' };
const probed: Container = { name: 'app', image: 'busybox', livenessProbe: { exec: { command: ['x'] }, terminationGracePeriodSeconds: 5 }, startupProbe: { exec: { command: ['y'] } } };
const side: Container = { name: 'side', image: 'busybox', restartPolicy: 'Always', startupProbe: { exec: { command: ['s'] } } };
const side2: Container = { name: 'side2', image: 'busybox', restartPolicy: 'Always' };
const init1: Container = { name: 'init1', image: 'busybox' };

const pod = (spec: Partial<Pod['spec']> = {}): Pod => ({ metadata: { name: 'p', namespace: 'default', uid: 'u1' }, spec: { containers: [app], ...spec } });
const ctr = (c: Container, o: Partial<ObservedContainer> = {}): ObservedContainer => ({
  id: `${c.name}-${o.restartCount ?? 0}`, name: c.name, sandboxId: 'sb1', kind: 'regular', state: 'running',
  restartCount: 0, hash: containerHash(c), image: 'busybox', createdAt: T0 + 1, startedAt: T0 + 1, ...o,
});
const obs = (containers: ObservedContainer[]): ObservedPod => ({ uid: 'u1', sandboxes: [{ id: 'sb1', ready: true, attempt: 0, createdAt: T0, ip: '10.0.0.2' }], containers });

/** A probe view from fixed answers by container id. */
const view = (o: { failed?: Record<string, 'liveness' | 'startup'>; notStarted?: string[] } = {}): ProbeView => ({
  failed: (_s, c) => o.failed?.[c.id], started: (_s, c) => !o.notStarted?.includes(c.id), ready: () => true,
});

type Want = Partial<Pick<PodActions, 'killPod' | 'sidecarsToStart' | 'initContainerToStart' | 'containersToStart'>> & { kill?: string[]; grace?: (number | undefined)[] };
interface Case { name: string; pod: Pod; observed: ObservedPod; probes?: ProbeView; backoff?: (b: Backoff) => void; want: Want }

const cases: Case[] = [
  { name: 'liveness failed: kill with the message and the probe grace, start again', pod: pod({ containers: [probed] }), observed: obs([ctr(probed)]),
    probes: view({ failed: { 'app-0': 'liveness' } }),
    want: { kill: ['Container app failed liveness probe, will be restarted'], grace: [5], containersToStart: ['app'], killPod: false } },
  { name: 'startup failed: kill and start again (pod grace)', pod: pod({ containers: [probed] }), observed: obs([ctr(probed)]),
    probes: view({ failed: { 'app-0': 'startup' } }),
    want: { kill: ['Container app failed startup probe, will be restarted'], grace: [undefined], containersToStart: ['app'] } },
  { name: 'liveness failed with restartPolicy Never: killed, not restarted, pod done', pod: pod({ containers: [probed], restartPolicy: 'Never' }),
    observed: obs([ctr(probed)]), probes: view({ failed: { 'app-0': 'liveness' } }),
    want: { containersToStart: [], killPod: true } },
  { name: 'probes passing: nothing to do', pod: pod({ containers: [probed] }), observed: obs([ctr(probed)]), probes: view(),
    want: { kill: [], containersToStart: [], killPod: false } },
  { name: 'liveness-restarted container exited again: crash-loop back-off holds it', pod: pod({ containers: [probed] }),
    observed: obs([ctr(probed, { state: 'exited', exitCode: 137, finishedAt: T0 + 2000, restartCount: 1 })]),
    backoff: (b) => b.next('u1/app/' + containerHash(probed), T0, T0), want: { containersToStart: [] } },
  { name: 'sidecar running, startup probe pending: later init containers wait', pod: pod({ initContainers: [side, init1] }),
    observed: obs([ctr(side, { kind: 'init' })]), probes: view({ notStarted: ['side-0'] }),
    want: { sidecarsToStart: [], initContainerToStart: undefined, containersToStart: [] } },
  { name: 'sidecar started: next init container', pod: pod({ initContainers: [side, init1] }), observed: obs([ctr(side, { kind: 'init' })]), probes: view(),
    want: { initContainerToStart: 'init1' } },
  { name: 'sidecars start in order: the second waits for the first', pod: pod({ initContainers: [side, side2] }), observed: obs([]),
    want: { sidecarsToStart: ['side'], initContainerToStart: undefined } },
  { name: 'first sidecar started: the second starts', pod: pod({ initContainers: [side, side2] }), observed: obs([ctr(side, { kind: 'init' })]), probes: view(),
    want: { sidecarsToStart: ['side2'], containersToStart: [] } },
  { name: 'both sidecars up: the app starts', pod: pod({ initContainers: [side, side2] }), observed: obs([ctr(side, { kind: 'init' }), ctr(side2, { kind: 'init' })]), probes: view(),
    want: { sidecarsToStart: [], containersToStart: ['app'] } },
  { name: 'sidecar failed its startup probe: killed and restarted', pod: pod({ initContainers: [side] }), observed: obs([ctr(side, { kind: 'init' })]),
    probes: view({ failed: { 'side-0': 'startup' } }), want: { kill: ['Container side failed startup probe, will be restarted'], sidecarsToStart: ['side'] } },
  { name: 'sidecar liveness failure after init: restarted, app keeps running', pod: pod({ initContainers: [{ ...side2, livenessProbe: { exec: { command: ['l'] } } }] }),
    observed: obs([ctr({ ...side2, livenessProbe: { exec: { command: ['l'] } } }, { kind: 'init' }), ctr(app)]), probes: view({ failed: { 'side2-0': 'liveness' } }),
    want: { sidecarsToStart: ['side2'], containersToStart: [], killPod: false } },
  { name: 'Never pod, app done, sidecar running: kill the pod (sidecar does not block completion)', pod: pod({ initContainers: [side2], restartPolicy: 'Never' }),
    observed: obs([ctr(side2, { kind: 'init' }), ctr(app, { state: 'exited', exitCode: 0, finishedAt: T0 + 5 })]),
    want: { killPod: true, sidecarsToStart: [], containersToStart: [] } },
  { name: 'init failed, OnFailure, first retry is free', pod: pod({ initContainers: [init1], restartPolicy: 'OnFailure' }),
    observed: obs([ctr(init1, { kind: 'init', state: 'exited', exitCode: 1, finishedAt: T0 + 5 })]), want: { initContainerToStart: 'init1', killPod: false } },
  { name: 'init failed again within back-off: nothing starts (Init:CrashLoopBackOff)', pod: pod({ initContainers: [init1] }),
    observed: obs([ctr(init1, { kind: 'init', state: 'exited', exitCode: 1, finishedAt: T0 + 5, restartCount: 1 })]),
    backoff: (b) => b.next('u1/init1/' + containerHash(init1), T0, T0), want: { initContainerToStart: undefined, killPod: false } },
];

for (const c of cases) {
  test(`plan (issue 6): ${c.name}`, () => {
    const b = new Backoff();
    c.backoff?.(b);
    const a = computePodActions(c.pod, c.observed, T0 + 6000, b, { probes: c.probes });
    const got: Record<string, unknown> = {};
    for (const k of Object.keys(c.want)) {
      if (k === 'kill') got.kill = a.containersToKill.map((x) => x.message);
      else if (k === 'grace') got.grace = a.containersToKill.map((x) => x.grace);
      else got[k] = a[k as keyof PodActions];
    }
    assert.deepEqual(got, c.want);
  });
}

test('stop order: a pod deleted during init stops init and app containers first, then sidecars in reverse', () => {
  const p = pod({ initContainers: [side, side2, init1] });
  const live = [ctr(side, { kind: 'init' }), ctr(side2, { kind: 'init' }), ctr(init1, { kind: 'init' })];
  assert.deepEqual(killStages(p, live).map((s) => s.map((c) => c.name)), [['init1'], ['side2'], ['side']]);
  assert.deepEqual(killStages(p, [...live.slice(0, 2), ctr(app)]).map((s) => s.map((c) => c.name)), [['app'], ['side2'], ['side']]);
  assert.deepEqual(killStages(undefined, live).map((s) => s.length), [3], 'pod unknown: all at once');
});

test('grace after a preStop hook', () => {
  const cases = [
    { grace: 30, hook: 5, want: 25 }, { grace: 30, hook: 29, want: 2 }, { grace: 30, hook: 40, want: 2 },
    { grace: 1, hook: 0, want: 1 }, { grace: 0, hook: 0, want: 0 },
  ];
  for (const c of cases) assert.equal(graceAfterHook(c.grace, c.hook), c.want, JSON.stringify(c));
});
