import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import { FakeClock } from '../../client/clock.ts';
import { Backoff } from './backoff.ts';
import { backoffKey, containerHash } from './hash.ts';
import type { ObservedContainer, ObservedPod, ObservedSandbox } from './observed.ts';
import { computePodActions, type PodActions } from './plan.ts';

const clock = new FakeClock(Date.UTC(2026, 0, 1));
const T0 = clock.now().getTime();
const UID = 'u1';

const app: Container = { name: 'app', image: 'busybox' };
const side: Container = { name: 'side', image: 'busybox', restartPolicy: 'Always' };
const init1: Container = { name: 'init1', image: 'busybox' };
const init2: Container = { name: 'init2', image: 'busybox' };

function pod(spec: Partial<Pod['spec']> = {}): Pod {
  return { metadata: { name: 'p', namespace: 'default', uid: UID }, spec: { containers: [app], ...spec } };
}
const sb = (o: Partial<ObservedSandbox> = {}): ObservedSandbox => ({ id: 'sb1', ready: true, attempt: 0, createdAt: T0, ip: '10.0.0.2', ...o });
function ctr(c: Container, o: Partial<ObservedContainer> = {}): ObservedContainer {
  return {
    id: `${c.name}-${o.restartCount ?? 0}`, name: c.name, sandboxId: 'sb1', kind: 'regular', state: 'running',
    restartCount: 0, hash: containerHash(c), image: c.image ?? '', createdAt: T0 + 1, startedAt: T0 + 1, ...o,
  };
}
const exited = (c: Container, exitCode: number, o: Partial<ObservedContainer> = {}) =>
  ctr(c, { state: 'exited', exitCode, finishedAt: T0 + 5_000, ...o });
const obs = (sandboxes: ObservedSandbox[], containers: ObservedContainer[] = []): ObservedPod => ({ uid: UID, sandboxes, containers });

/** Only the fields a case cares about, so each row reads as the decision it checks. */
type Want = Partial<Omit<PodActions, 'containersToKill' | 'backingOff'>> & { kill?: string[]; backingOff?: string[] };

interface Case { name: string; pod: Pod; observed: ObservedPod; now?: number; backoff?: (b: Backoff) => void; want: Want }

const cases: Case[] = [
  { name: 'new pod: create sandbox and start all containers', pod: pod({ containers: [app, { name: 'b', image: 'x' }] }), observed: obs([]),
    want: { createSandbox: true, killPod: false, attempt: 0, containersToStart: ['app', 'b'] } },
  { name: 'new pod with init containers: first init only', pod: pod({ initContainers: [init1, init2] }), observed: obs([]),
    want: { createSandbox: true, initContainerToStart: 'init1', containersToStart: [] } },
  { name: 'new pod with a sidecar first: start the sidecar', pod: pod({ initContainers: [side, init1] }), observed: obs([]),
    want: { createSandbox: true, sidecarsToStart: ['side'], initContainerToStart: undefined } },
  { name: 'all running: nothing to do', pod: pod(), observed: obs([sb()], [ctr(app)]),
    want: { createSandbox: false, killPod: false, sandboxId: 'sb1', containersToStart: [], kill: [] } },
  { name: 'sandbox not ready: kill and recreate with attempt+1', pod: pod(), observed: obs([sb({ ready: false, attempt: 2 })], [ctr(app)]),
    want: { createSandbox: true, killPod: true, attempt: 3, containersToStart: ['app'], kill: ['app'] } },
  { name: 'sandbox without IP: recreate', pod: pod(), observed: obs([sb({ ip: undefined })]),
    want: { createSandbox: true, killPod: true, attempt: 1 } },
  { name: 'hostNetwork sandbox without IP is fine', pod: pod({ hostNetwork: true }), observed: obs([sb({ ip: undefined })], [ctr(app)]),
    want: { createSandbox: false, killPod: false } },
  { name: 'two ready sandboxes: recreate', pod: pod(), observed: obs([sb({ id: 'sb2', createdAt: T0 + 9 }), sb()]),
    want: { createSandbox: true, killPod: true } },
  { name: 'Never pod whose sandbox died after running: only kill', pod: pod({ restartPolicy: 'Never' }),
    observed: obs([sb({ ready: false })], [exited(app, 0)]), want: { createSandbox: false, killPod: true, containersToStart: [] } },
  { name: 'OnFailure: succeeded container not restarted in a new sandbox', pod: pod({ restartPolicy: 'OnFailure', containers: [app, { name: 'b', image: 'x' }] }),
    observed: obs([sb({ ready: false })], [exited(app, 0)]), want: { createSandbox: true, containersToStart: ['b'] } },
  { name: 'init1 running: wait', pod: pod({ initContainers: [init1, init2] }), observed: obs([sb()], [ctr(init1, { kind: 'init' })]),
    want: { initContainerToStart: undefined, containersToStart: [], killPod: false } },
  { name: 'init1 done: start init2', pod: pod({ initContainers: [init1, init2] }), observed: obs([sb()], [exited(init1, 0, { kind: 'init' })]),
    want: { initContainerToStart: 'init2', containersToStart: [] } },
  { name: 'inits done: start containers', pod: pod({ initContainers: [init1, init2] }),
    observed: obs([sb()], [exited(init1, 0, { kind: 'init' }), exited(init2, 0, { kind: 'init' })]),
    want: { initContainerToStart: undefined, containersToStart: ['app'] } },
  { name: 'init failed, Always: restart it (first retry is free)', pod: pod({ initContainers: [init1] }), observed: obs([sb()], [exited(init1, 1, { kind: 'init' })]),
    want: { initContainerToStart: 'init1', killPod: false } },
  { name: 'init failed, Never: kill the pod', pod: pod({ initContainers: [init1], restartPolicy: 'Never' }), observed: obs([sb()], [exited(init1, 1, { kind: 'init' })]),
    want: { initContainerToStart: undefined, killPod: true } },
  { name: 'sidecar running, next init starts', pod: pod({ initContainers: [side, init1] }), observed: obs([sb()], [ctr(side, { kind: 'init' })]),
    want: { sidecarsToStart: [], initContainerToStart: 'init1' } },
  { name: 'sidecar died after init: restarted, containers keep running', pod: pod({ initContainers: [side, init1] }),
    observed: obs([sb()], [exited(side, 1, { kind: 'init' }), exited(init1, 0, { kind: 'init' }), ctr(app)]),
    want: { sidecarsToStart: ['side'], containersToStart: [], killPod: false } },
  { name: 'regular containers exist: init containers do not rerun', pod: pod({ initContainers: [init1] }), observed: obs([sb()], [ctr(app)]),
    want: { initContainerToStart: undefined, containersToStart: [], killPod: false } },
  { name: 'Always: exited 0 restarts', pod: pod(), observed: obs([sb()], [exited(app, 0)]), want: { containersToStart: ['app'] } },
  { name: 'OnFailure: exited 0 done → kill pod', pod: pod({ restartPolicy: 'OnFailure' }), observed: obs([sb()], [exited(app, 0)]),
    want: { containersToStart: [], killPod: true } },
  { name: 'OnFailure: exited 1 restarts', pod: pod({ restartPolicy: 'OnFailure' }), observed: obs([sb()], [exited(app, 1)]),
    want: { containersToStart: ['app'], killPod: false } },
  { name: 'Never: exited 1 → kill pod', pod: pod({ restartPolicy: 'Never' }), observed: obs([sb()], [exited(app, 1)]),
    want: { containersToStart: [], killPod: true } },
  { name: 'Never: one of two exited, the other keeps running', pod: pod({ restartPolicy: 'Never', containers: [app, { name: 'b', image: 'x' }] }),
    observed: obs([sb()], [exited(app, 0), ctr({ name: 'b', image: 'x' })]), want: { containersToStart: [], killPod: false } },
  { name: 'all done with a sidecar running: kill the pod and the sidecar', pod: pod({ restartPolicy: 'Never', initContainers: [side] }),
    observed: obs([sb()], [ctr(side, { kind: 'init' }), exited(app, 0)]), want: { killPod: true, kill: ['side'] } },
  { name: 'created but never started: start again', pod: pod(), observed: obs([sb()], [ctr(app, { state: 'created', startedAt: undefined })]),
    want: { containersToStart: ['app'] } },
  { name: 'image changed: kill and start', pod: pod({ containers: [{ name: 'app', image: 'busybox:2' }] }), observed: obs([sb()], [ctr(app)]),
    want: { containersToStart: ['app'], kill: ['app'], killPod: false } },
  { name: 'crash loop: in back-off, nothing starts, sync again at its end', pod: pod(), observed: obs([sb()], [exited(app, 1, { restartCount: 1 })]),
    now: T0 + 6_000, backoff: (b) => b.next(backoffKey(UID, 'app', containerHash(app)), T0, T0),
    want: { containersToStart: [], backingOff: ['app'], nextBackoffAt: T0 + 15_000, killPod: false } },
  { name: 'crash loop: back-off over, start', pod: pod(), observed: obs([sb()], [exited(app, 1, { restartCount: 1 })]),
    now: T0 + 15_001, backoff: (b) => b.next(backoffKey(UID, 'app', containerHash(app)), T0, T0),
    want: { containersToStart: ['app'], backingOff: [] } },
  { name: 'back-off from a spec that changed does not hold the new one', pod: pod({ containers: [{ name: 'app', image: 'new' }] }),
    observed: obs([sb()], [exited(app, 1)]), now: T0 + 6_000, backoff: (b) => b.next(backoffKey(UID, 'app', containerHash(app)), T0, T0),
    want: { containersToStart: ['app'] } },
  { name: 'ephemeral container not yet started', pod: pod({ ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] }), observed: obs([sb()], [ctr(app)]),
    want: { ephemeralToStart: ['dbg'] } },
  { name: 'ephemeral container exited: never restarted', pod: pod({ ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] }),
    observed: obs([sb()], [ctr(app), exited({ name: 'dbg', image: 'busybox' }, 0, { kind: 'ephemeral' })]), want: { ephemeralToStart: [] } },
];

for (const c of cases) {
  test(`computePodActions: ${c.name}`, () => {
    const b = new Backoff();
    c.backoff?.(b);
    const got = computePodActions(c.pod, c.observed, c.now ?? T0 + 10_000, b);
    const { kill, backingOff, ...rest } = c.want;
    for (const [k, v] of Object.entries(rest)) assert.deepEqual(got[k as keyof PodActions], v, k);
    if (kill) assert.deepEqual(got.containersToKill.map((x) => x.name), kill, 'containersToKill');
    if (backingOff) assert.deepEqual(got.backingOff.map((x) => x.name), backingOff, 'backingOff');
  });
}

test('back-off doubles from 10 s to 300 s and resets after 10 min', () => {
  const b = new Backoff();
  const delays: number[] = [];
  let t = T0;
  for (let i = 0; i < 7; i++) { b.next('k', t, t); delays.push(b.delayOf('k')); t += 1000; }
  assert.deepEqual(delays, [10e3, 20e3, 40e3, 80e3, 160e3, 300e3, 300e3]);
  assert.equal(b.inBackoffUntil('k', t, t + 1000), t + 300e3);
  b.next('k', t + 601_000, t + 601_000);
  assert.equal(b.delayOf('k'), 10e3);
});

test('crash-loop message names the delay, container and pod', () => {
  const b = new Backoff();
  b.next(backoffKey(UID, 'app', containerHash(app)), T0, T0);
  b.next(backoffKey(UID, 'app', containerHash(app)), T0, T0);
  const got = computePodActions(pod(), obs([sb()], [exited(app, 1)]), T0 + 6_000, b);
  assert.equal(got.backingOff[0].message, 'back-off 20s restarting failed container=app pod=p_default(u1)');
});
