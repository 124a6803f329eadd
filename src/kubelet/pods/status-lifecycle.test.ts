/** Status with probe results, ephemeral containers, sidecar phases and a DeadlineExceeded failure (table-driven). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod, PodStatus } from 'kubernetes-types/core/v1.d.ts';
import { containerHash } from './hash.ts';
import type { ObservedContainer, ObservedPod } from './observed.ts';
import { podStatusFromRuntime } from './status.ts';
import { pastDeadline, deadlineAt } from './active-deadline.ts';
import type { ProbeView } from '../prober/types.ts';

const T0 = Date.UTC(2026, 0, 1);
const app: Container = { name: 'app', image: 'busybox', readinessProbe: { exec: { command: ['r'] } } };
const side: Container = { name: 'side', image: 'busybox', restartPolicy: 'Always' };
const pod = (spec: Partial<Pod['spec']> = {}, status: PodStatus = {}): Pod => ({ metadata: { name: 'p', namespace: 'default', uid: 'u1' }, spec: { containers: [app], ...spec }, status });
const ctr = (c: Container, o: Partial<ObservedContainer> = {}): ObservedContainer => ({
  id: `${c.name}-0`, name: c.name, sandboxId: 'sb1', kind: 'regular', state: 'running', restartCount: 0, hash: containerHash(c),
  image: 'busybox', createdAt: T0, startedAt: T0, ...o,
});
const obs = (containers: ObservedContainer[]): ObservedPod => ({ uid: 'u1', sandboxes: [{ id: 'sb1', ready: true, attempt: 0, createdAt: T0, ip: '10.0.0.2' }], containers });
const probes = (started: boolean, ready: boolean): ProbeView => ({ started: () => started, ready: () => ready, failed: () => undefined });

interface Case { name: string; pod: Pod; observed: ObservedPod; probes?: ProbeView; failed?: { reason: string; message: string }; want: Record<string, unknown> }
const cases: Case[] = [
  { name: 'readiness failing: running, not ready, Ready False', pod: pod(), observed: obs([ctr(app)]), probes: probes(true, false),
    want: { phase: 'Running', ready: false, started: true, Ready: 'False', ContainersReady: 'False' } },
  { name: 'readiness passing: ready', pod: pod(), observed: obs([ctr(app)]), probes: probes(true, true), want: { phase: 'Running', ready: true, started: true, Ready: 'True' } },
  { name: 'startup pending: not started, not ready even if readiness passes', pod: pod(), observed: obs([ctr(app)]), probes: probes(false, true),
    want: { ready: false, started: false, Ready: 'False' } },
  { name: 'ephemeral container is never ready', pod: pod({ ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] }),
    observed: obs([ctr(app), ctr({ name: 'dbg' }, { kind: 'ephemeral' })]), probes: probes(true, true), want: { ephemeralReady: false, Ready: 'True' } },
  { name: 'Never pod, app succeeded, sidecar still running: Running until it stops', pod: pod({ restartPolicy: 'Never', initContainers: [side], containers: [{ name: 'app', image: 'b' }] }),
    observed: obs([ctr(side, { kind: 'init' }), ctr({ name: 'app' }, { state: 'exited', exitCode: 0, finishedAt: T0 + 1 })]), want: { phase: 'Running' } },
  { name: 'Never pod, app succeeded, sidecar stopped (137): Succeeded', pod: pod({ restartPolicy: 'Never', initContainers: [side], containers: [{ name: 'app', image: 'b' }] }),
    observed: obs([ctr(side, { kind: 'init', state: 'exited', exitCode: 137, finishedAt: T0 + 2 }), ctr({ name: 'app' }, { state: 'exited', exitCode: 0, finishedAt: T0 + 1 })]),
    want: { phase: 'Succeeded' } },
  { name: 'deadline exceeded: Failed with the reason and message', pod: pod({}, { phase: 'Running' }), observed: obs([ctr(app, { state: 'exited', exitCode: 137, finishedAt: T0 + 1 })]),
    failed: { reason: 'DeadlineExceeded', message: 'm' }, want: { phase: 'Failed', reason: 'DeadlineExceeded', message: 'm' } },
  { name: 'already terminal: reason not added', pod: pod({}, { phase: 'Succeeded' }), observed: obs([]), failed: { reason: 'DeadlineExceeded', message: 'm' },
    want: { phase: 'Succeeded', reason: undefined } },
];

for (const c of cases) {
  test(`status (issue 6): ${c.name}`, () => {
    const s = podStatusFromRuntime(c.pod, c.observed, T0 + 10, { probes: c.probes, failed: c.failed });
    const got: Record<string, unknown> = {};
    const cond = (t: string) => s.conditions?.find((x) => x.type === t)?.status;
    for (const k of Object.keys(c.want)) {
      got[k] = k === 'ready' ? s.containerStatuses?.[0].ready : k === 'started' ? s.containerStatuses?.[0].started
        : k === 'ephemeralReady' ? s.ephemeralContainerStatuses?.[0].ready : k === 'Ready' || k === 'ContainersReady' ? cond(k)
          : (s as Record<string, unknown>)[k];
    }
    assert.deepEqual(got, c.want);
  });
}

test('activeDeadlineSeconds counts from status.startTime', () => {
  const p = (ads?: number, startTime?: string) => ({ spec: { containers: [], activeDeadlineSeconds: ads }, status: { startTime } });
  const start = new Date(T0).toISOString();
  const cases = [
    { pod: p(10, start), now: T0 + 9_999, want: false }, { pod: p(10, start), now: T0 + 10_000, want: true },
    { pod: p(undefined, start), now: T0 + 1e9, want: false }, { pod: p(10), now: T0 + 1e9, want: false },
  ];
  for (const c of cases) assert.equal(pastDeadline(c.pod, c.now), c.want, JSON.stringify(c));
  assert.equal(deadlineAt(p(3, start)), T0 + 3000);
});
