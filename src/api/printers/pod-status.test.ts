import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1.d.ts';
import { podSummary, type PodSummary } from './pod-status.ts';

const now = new Date('2024-05-01T12:00:00Z');
const running = (name: string, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name, image: 'img', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: '2024-05-01T11:00:00Z' } }, ...extra,
});
const waiting = (name: string, reason: string, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name, image: 'img', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason } }, ...extra,
});
const terminated = (name: string, exitCode: number, reason?: string, signal?: number): ContainerStatus => ({
  name, image: 'img', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode, reason, signal } },
});
function pod(p: { containers?: string[]; init?: { name: string; sidecar?: boolean }[]; status?: Pod['status']; deleting?: boolean; gates?: string[] }): Pod {
  return {
    metadata: { name: 'p', creationTimestamp: '2024-05-01T11:00:00Z', ...(p.deleting ? { deletionTimestamp: '2024-05-01T11:59:00Z' } : {}) },
    spec: {
      containers: (p.containers ?? ['app']).map((name) => ({ name })),
      initContainers: p.init?.map((c) => ({ name: c.name, ...(c.sidecar ? { restartPolicy: 'Always' } : {}) })),
    },
    status: p.status ?? {},
  };
}

test('podSummary: STATUS, READY and RESTARTS', () => {
  const cases: { name: string; input: Pod; want: PodSummary }[] = [
    { name: 'pending, no statuses', input: pod({ status: { phase: 'Pending' } }), want: { ready: '0/1', status: 'Pending', restarts: '0' } },
    { name: 'status.reason wins over phase', input: pod({ status: { phase: 'Failed', reason: 'Evicted' } }), want: { ready: '0/1', status: 'Evicted', restarts: '0' } },
    {
      name: 'scheduling gated', input: pod({ status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } }),
      want: { ready: '0/1', status: 'SchedulingGated', restarts: '0' },
    },
    { name: 'running and ready', input: pod({ status: { phase: 'Running', containerStatuses: [running('app')] } }), want: { ready: '1/1', status: 'Running', restarts: '0' } },
    {
      name: 'running, not ready', input: pod({ status: { phase: 'Running', containerStatuses: [running('app', { ready: false })] } }),
      want: { ready: '0/1', status: 'Running', restarts: '0' },
    },
    { name: 'ContainerCreating', input: pod({ status: { phase: 'Pending', containerStatuses: [waiting('app', 'ContainerCreating')] } }), want: { ready: '0/1', status: 'ContainerCreating', restarts: '0' } },
    { name: 'ImagePullBackOff', input: pod({ status: { phase: 'Pending', containerStatuses: [waiting('app', 'ImagePullBackOff')] } }), want: { ready: '0/1', status: 'ImagePullBackOff', restarts: '0' } },
    { name: 'ErrImagePull', input: pod({ status: { phase: 'Pending', containerStatuses: [waiting('app', 'ErrImagePull')] } }), want: { ready: '0/1', status: 'ErrImagePull', restarts: '0' } },
    {
      name: 'CrashLoopBackOff with restarts and last restart age',
      input: pod({ status: { phase: 'Running', containerStatuses: [waiting('app', 'CrashLoopBackOff', {
        restartCount: 4, lastState: { terminated: { exitCode: 1, finishedAt: '2024-05-01T11:55:00Z' } },
      })] } }),
      want: { ready: '0/1', status: 'CrashLoopBackOff', restarts: '4 (5m ago)' },
    },
    { name: 'restarts without finishedAt', input: pod({ status: { phase: 'Running', containerStatuses: [running('app', { restartCount: 2 })] } }), want: { ready: '1/1', status: 'Running', restarts: '2' } },
    { name: 'Completed', input: pod({ status: { phase: 'Succeeded', containerStatuses: [terminated('app', 0, 'Completed')] } }), want: { ready: '0/1', status: 'Completed', restarts: '0' } },
    { name: 'Error', input: pod({ status: { phase: 'Failed', containerStatuses: [terminated('app', 1, 'Error')] } }), want: { ready: '0/1', status: 'Error', restarts: '0' } },
    { name: 'OOMKilled', input: pod({ status: { phase: 'Failed', containerStatuses: [terminated('app', 137, 'OOMKilled')] } }), want: { ready: '0/1', status: 'OOMKilled', restarts: '0' } },
    { name: 'Signal:N', input: pod({ status: { phase: 'Failed', containerStatuses: [terminated('app', 0, undefined, 9)] } }), want: { ready: '0/1', status: 'Signal:9', restarts: '0' } },
    { name: 'ExitCode:N', input: pod({ status: { phase: 'Failed', containerStatuses: [terminated('app', 3)] } }), want: { ready: '0/1', status: 'ExitCode:3', restarts: '0' } },
    {
      name: 'first container decides (walked last to first)',
      input: pod({ containers: ['a', 'b'], status: { phase: 'Running', containerStatuses: [waiting('a', 'CrashLoopBackOff'), terminated('b', 1, 'Error')] } }),
      want: { ready: '0/2', status: 'CrashLoopBackOff', restarts: '0' },
    },
    {
      name: 'Completed but another runs, pod Ready → Running',
      input: pod({ containers: ['a', 'b'], status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [running('a'), terminated('b', 0, 'Completed')] } }),
      want: { ready: '1/2', status: 'Running', restarts: '0' },
    },
    {
      name: 'Completed but another runs, pod not Ready → NotReady',
      input: pod({ containers: ['a', 'b'], status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [running('a'), terminated('b', 0, 'Completed')] } }),
      want: { ready: '1/2', status: 'NotReady', restarts: '0' },
    },
    {
      name: 'Init:0/2 while first init runs',
      input: pod({ init: [{ name: 'i1' }, { name: 'i2' }], status: { phase: 'Pending', initContainerStatuses: [running('i1', { ready: false }), waiting('i2', 'PodInitializing')], containerStatuses: [waiting('app', 'PodInitializing')] } }),
      want: { ready: '0/1', status: 'Init:0/2', restarts: '0' },
    },
    {
      name: 'Init:1/2 after first init succeeded',
      input: pod({ init: [{ name: 'i1' }, { name: 'i2' }], status: { phase: 'Pending', initContainerStatuses: [terminated('i1', 0, 'Completed'), running('i2', { ready: false })] } }),
      want: { ready: '0/1', status: 'Init:1/2', restarts: '0' },
    },
    {
      name: 'Init:Error', input: pod({ init: [{ name: 'i1' }], status: { phase: 'Pending', initContainerStatuses: [terminated('i1', 1, 'Error')] } }),
      want: { ready: '0/1', status: 'Init:Error', restarts: '0' },
    },
    {
      name: 'Init:ExitCode:N', input: pod({ init: [{ name: 'i1' }], status: { phase: 'Pending', initContainerStatuses: [terminated('i1', 2)] } }),
      want: { ready: '0/1', status: 'Init:ExitCode:2', restarts: '0' },
    },
    {
      name: 'Init:Signal:N', input: pod({ init: [{ name: 'i1' }], status: { phase: 'Pending', initContainerStatuses: [terminated('i1', 143, undefined, 15)] } }),
      want: { ready: '0/1', status: 'Init:Signal:15', restarts: '0' },
    },
    {
      name: 'Init:CrashLoopBackOff counts init restarts',
      input: pod({ init: [{ name: 'i1' }], status: { phase: 'Pending', initContainerStatuses: [waiting('i1', 'CrashLoopBackOff', { restartCount: 3 })] } }),
      want: { ready: '0/1', status: 'Init:CrashLoopBackOff', restarts: '3' },
    },
    {
      name: 'started sidecar counts towards READY, app runs',
      input: pod({ init: [{ name: 'side', sidecar: true }], status: { phase: 'Running', initContainerStatuses: [running('side', { started: true, restartCount: 1 })], containerStatuses: [running('app')] } }),
      want: { ready: '2/2', status: 'Running', restarts: '1' },
    },
    {
      name: 'sidecar not started yet blocks as Init:0/1',
      input: pod({ init: [{ name: 'side', sidecar: true }], status: { phase: 'Pending', initContainerStatuses: [running('side', { started: false, ready: false })] } }),
      want: { ready: '0/2', status: 'Init:0/1', restarts: '0' },
    },
    {
      // Upstream quirk: the init reason stays, but READY/RESTARTS come from the app containers.
      name: 'Initialized condition: app containers counted, init reason kept',
      input: pod({ init: [{ name: 'i1' }], status: { phase: 'Running', conditions: [{ type: 'Initialized', status: 'True' }], initContainerStatuses: [waiting('i1', 'PodInitializing', { restartCount: 5 })], containerStatuses: [running('app')] } }),
      want: { ready: '1/1', status: 'Init:0/1', restarts: '0' },
    },
    { name: 'Terminating', input: pod({ deleting: true, status: { phase: 'Running', containerStatuses: [running('app')] } }), want: { ready: '1/1', status: 'Terminating', restarts: '0' } },
    { name: 'deleting a finished pod keeps its status', input: pod({ deleting: true, status: { phase: 'Succeeded', containerStatuses: [terminated('app', 0, 'Completed')] } }), want: { ready: '0/1', status: 'Completed', restarts: '0' } },
    { name: 'NodeLost while deleting → Unknown', input: pod({ deleting: true, status: { phase: 'Running', reason: 'NodeLost' } }), want: { ready: '0/1', status: 'Unknown', restarts: '0' } },
    { name: 'NodeLost without deletion stays NodeLost', input: pod({ status: { phase: 'Running', reason: 'NodeLost' } }), want: { ready: '0/1', status: 'NodeLost', restarts: '0' } },
  ];
  for (const c of cases) assert.deepEqual(podSummary(c.input, now), c.want, c.name);
});
