import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod, PodStatus } from 'kubernetes-types/core/v1.d.ts';
import { reasonKey, type WaitingReason } from './container-statuses.ts';
import type { ObservedContainer, ObservedPod, ObservedSandbox } from './observed.ts';
import { podStatusFromRuntime, statusEqual } from './status.ts';

const T0 = Date.UTC(2026, 0, 1);
const NOW = T0 + 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const app: Container = { name: 'app', image: 'busybox' };
const init1: Container = { name: 'init1', image: 'busybox' };
const init2: Container = { name: 'init2', image: 'busybox' };

function pod(spec: Partial<Pod['spec']> = {}, status: PodStatus = {}): Pod {
  return {
    metadata: { name: 'p', namespace: 'default', uid: 'u1' }, spec: { containers: [app], ...spec },
    status: { qosClass: 'BestEffort', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: iso(T0) }], ...status },
  };
}
const sb = (o: Partial<ObservedSandbox> = {}): ObservedSandbox => ({ id: 'sb1', ready: true, attempt: 0, createdAt: T0, ip: '10.0.0.2', ...o });
function ctr(c: Container, o: Partial<ObservedContainer> = {}): ObservedContainer {
  return {
    id: `${c.name}${o.restartCount ?? 0}`, name: c.name, sandboxId: 'sb1', kind: 'regular', state: 'running', restartCount: 0,
    hash: 'h', image: c.image ?? '', imageRef: 'sha256:abc', createdAt: T0 + 1000, startedAt: T0 + 1000, ...o,
  };
}
const exited = (c: Container, exitCode: number, o: Partial<ObservedContainer> = {}) =>
  ctr(c, { state: 'exited', exitCode, finishedAt: T0 + 5000, ...o });
const obs = (sandboxes: ObservedSandbox[], containers: ObservedContainer[] = []): ObservedPod => ({ uid: 'u1', sandboxes, containers });

interface Want {
  phase?: string;
  /** type=status(/reason) for each kubelet condition, in order. */
  conditions?: string[];
  messages?: Record<string, string>;
  state?: unknown;
  lastState?: unknown;
  restartCount?: number;
  ready?: boolean;
  initStates?: string[];
  podIP?: string;
  extra?: (s: PodStatus) => void;
}
interface Case { name: string; pod: Pod; observed: ObservedPod; reasons?: [string, WaitingReason][]; want: Want }

const stateName = (s: { state?: object }) => Object.keys(s.state ?? {})[0] + ((Object.values(s.state ?? {})[0] as { reason?: string })?.reason ? `/${(Object.values(s.state!)[0] as { reason?: string }).reason}` : '');

const cases: Case[] = [
  { name: 'nothing yet: Pending, ContainerCreating', pod: pod(), observed: obs([]),
    want: { phase: 'Pending', state: { waiting: { reason: 'ContainerCreating' } }, ready: false,
      conditions: ['PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False/ContainersNotReady', 'ContainersReady=False/ContainersNotReady', 'PodScheduled=True'],
      messages: { Ready: 'containers with unready status: [app]' } } },
  { name: 'running', pod: pod(), observed: obs([sb()], [ctr(app)]),
    want: { phase: 'Running', state: { running: { startedAt: iso(T0 + 1000) } }, ready: true, podIP: '10.0.0.2',
      conditions: ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True'],
      extra: (s) => {
        const c = s.containerStatuses![0];
        assert.equal(c.containerID, 'containerd://app0');
        assert.equal(c.image, 'docker.io/library/busybox:latest');
        assert.equal(c.imageID, 'sha256:abc');
        assert.equal(c.started, true);
        assert.deepEqual(s.podIPs, [{ ip: '10.0.0.2' }]);
        assert.deepEqual(s.hostIPs, [{ ip: '192.168.1.5' }]);
        assert.equal(s.qosClass, 'BestEffort');
        assert.equal(s.startTime, iso(NOW));
      } } },
  { name: 'init containers pending', pod: pod({ initContainers: [init1, init2] }), observed: obs([sb()], [ctr(init1, { kind: 'init' })]),
    want: { phase: 'Pending', state: { waiting: { reason: 'PodInitializing' } }, initStates: ['running', 'waiting/PodInitializing'],
      conditions: ['PodReadyToStartContainers=True', 'Initialized=False/ContainersNotInitialized', 'Ready=False/ContainersNotReady', 'ContainersReady=False/ContainersNotReady', 'PodScheduled=True'],
      messages: { Initialized: 'containers with incomplete status: [init1 init2]' } } },
  { name: 'init done, app running', pod: pod({ initContainers: [init1] }), observed: obs([sb()], [exited(init1, 0, { kind: 'init' }), ctr(app)]),
    want: { phase: 'Running', initStates: ['terminated/Completed'], ready: true,
      extra: (s) => assert.equal(s.initContainerStatuses![0].ready, true) } },
  { name: 'init failed, Never: Failed', pod: pod({ initContainers: [init1], restartPolicy: 'Never' }), observed: obs([sb()], [exited(init1, 1, { kind: 'init' })]),
    want: { phase: 'Failed', initStates: ['terminated/Error'] } },
  { name: 'init failed, Always, crash looping: Pending', pod: pod({ initContainers: [init1] }), observed: obs([sb()], [exited(init1, 1, { kind: 'init' })]),
    reasons: [[reasonKey('init', 'init1'), { reason: 'CrashLoopBackOff', message: 'back-off 10s' }]],
    want: { phase: 'Pending', initStates: ['waiting/CrashLoopBackOff'] } },
  { name: 'OnFailure, exited 0: Succeeded, PodCompleted', pod: pod({ restartPolicy: 'OnFailure' }), observed: obs([sb({ ready: false })], [exited(app, 0)]),
    want: { phase: 'Succeeded', ready: false,
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: iso(T0 + 1000), finishedAt: iso(T0 + 5000), containerID: 'containerd://app0' } },
      conditions: ['PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False/PodCompleted', 'ContainersReady=False/PodCompleted', 'PodScheduled=True'] } },
  { name: 'Never, exited 1: Failed', pod: pod({ restartPolicy: 'Never' }), observed: obs([sb()], [exited(app, 1)]),
    want: { phase: 'Failed', state: { terminated: { exitCode: 1, reason: 'Error', startedAt: iso(T0 + 1000), finishedAt: iso(T0 + 5000), containerID: 'containerd://app0' } } } },
  { name: 'OOMKilled keeps the runtime reason', pod: pod({ restartPolicy: 'Never' }), observed: obs([sb()], [exited(app, 137, { reason: 'OOMKilled' })]),
    want: { phase: 'Failed', extra: (s) => assert.equal(s.containerStatuses![0].state?.terminated?.reason, 'OOMKilled') } },
  { name: 'Always, exited, no reason yet: terminated, phase Running', pod: pod(), observed: obs([sb()], [exited(app, 1)]),
    want: { phase: 'Running', ready: false, extra: (s) => assert.ok(s.containerStatuses![0].state?.terminated) } },
  { name: 'crash loop: waiting CrashLoopBackOff, lastState terminated', pod: pod(),
    observed: obs([sb()], [exited(app, 1, { restartCount: 2 }), exited(app, 1, { restartCount: 1, createdAt: T0 })]),
    reasons: [[reasonKey('regular', 'app'), { reason: 'CrashLoopBackOff', message: 'back-off 20s restarting failed container=app pod=p_default(u1)' }]],
    want: { phase: 'Running', restartCount: 2,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s restarting failed container=app pod=p_default(u1)' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: iso(T0 + 1000), finishedAt: iso(T0 + 5000), containerID: 'containerd://app2' } } } },
  { name: 'restarted and running: lastState is the previous exit', pod: pod(),
    observed: obs([sb()], [ctr(app, { restartCount: 1, createdAt: T0 + 9000, startedAt: T0 + 9000 }), exited(app, 137, { reason: 'OOMKilled' })]),
    want: { phase: 'Running', restartCount: 1, ready: true,
      lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: iso(T0 + 1000), finishedAt: iso(T0 + 5000), containerID: 'containerd://app0' } } } },
  { name: 'image pull failed: waiting ErrImagePull, Pending', pod: pod(), observed: obs([sb()]),
    reasons: [[reasonKey('regular', 'app'), { reason: 'ErrImagePull', message: 'pull failed' }]],
    want: { phase: 'Pending', state: { waiting: { reason: 'ErrImagePull', message: 'pull failed' } } } },
  { name: 'cached reason ignored once the container runs', pod: pod(), observed: obs([sb()], [ctr(app)]),
    reasons: [[reasonKey('regular', 'app'), { reason: 'ErrImagePull', message: 'x' }]], want: { phase: 'Running', ready: true } },
  { name: 'transition time kept while a condition holds', pod: pod({}, { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(T0) }] }),
    observed: obs([sb()], [ctr(app)]),
    want: { extra: (s) => {
      assert.equal(s.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime, iso(T0));
      assert.equal(s.conditions!.find((c) => c.type === 'ContainersReady')!.lastTransitionTime, iso(NOW));
    } } },
  { name: 'a terminal phase stays', pod: pod({}, { phase: 'Failed' }), observed: obs([sb()], [ctr(app)]), want: { phase: 'Failed' } },
  { name: 'two containers, one waiting: Pending', pod: pod({ containers: [app, { name: 'b', image: 'x' }] }), observed: obs([sb()], [ctr(app)]),
    want: { phase: 'Pending', messages: { Ready: 'containers with unready status: [b]' } } },
];

for (const c of cases) {
  test(`podStatusFromRuntime: ${c.name}`, () => {
    const s = podStatusFromRuntime(c.pod, c.observed, NOW, { reasons: new Map(c.reasons ?? []), hostIPs: ['192.168.1.5'] });
    const w = c.want;
    if (w.phase) assert.equal(s.phase, w.phase);
    if (w.conditions) assert.deepEqual(s.conditions!.map((x) => `${x.type}=${x.status}${x.reason ? `/${x.reason}` : ''}`), w.conditions);
    for (const [type, msg] of Object.entries(w.messages ?? {})) assert.equal(s.conditions!.find((x) => x.type === type)?.message, msg);
    const cs = s.containerStatuses![0];
    if (w.state) assert.deepEqual(cs.state, w.state);
    if (w.lastState) assert.deepEqual(cs.lastState, w.lastState);
    if (w.restartCount !== undefined) assert.equal(cs.restartCount, w.restartCount);
    if (w.ready !== undefined) assert.equal(cs.ready, w.ready);
    if (w.initStates) assert.deepEqual(s.initContainerStatuses!.map(stateName), w.initStates);
    if (w.podIP) assert.equal(s.podIP, w.podIP);
    w.extra?.(s);
  });
}

test('statusEqual ignores key order and null/undefined fields', () => {
  assert.ok(statusEqual({ phase: 'Running', podIP: undefined, conditions: [] }, { conditions: [], phase: 'Running' }));
  assert.ok(!statusEqual({ phase: 'Running' }, { phase: 'Pending' }));
});
