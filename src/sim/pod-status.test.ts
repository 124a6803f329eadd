import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { normalizeImage, runningPodStatus } from './pod-status.ts';

test('normalizeImage', () => {
  const cases = [
    { name: 'short', input: 'nginx', want: 'docker.io/library/nginx:latest' },
    { name: 'tag', input: 'nginx:1.27', want: 'docker.io/library/nginx:1.27' },
    { name: 'user repo', input: 'bitnami/redis', want: 'docker.io/bitnami/redis:latest' },
    { name: 'registry with port', input: 'localhost:5000/app:v1', want: 'localhost:5000/app:v1' },
    { name: 'registry', input: 'registry.k8s.io/pause:3.10', want: 'registry.k8s.io/pause:3.10' },
    { name: 'digest', input: 'busybox@sha256:abc', want: 'docker.io/library/busybox@sha256:abc' },
  ];
  for (const c of cases) assert.equal(normalizeImage(c.input), c.want, c.name);
});

test('runningPodStatus', () => {
  const pod = (extra: Partial<Pod['spec']> = {}, conditions?: { type: string; status: string }[]): Pod => ({
    metadata: { name: 'web', namespace: 'default', uid: 'u1' },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...extra },
    status: { phase: 'Pending', conditions },
  });
  const x = { podIP: '10.244.1.2', hostIP: '172.30.0.2', startTime: new Date('2025-01-01T00:00:00Z'), now: new Date('2025-01-01T00:00:01Z') };
  const t = '2025-01-01T00:00:01Z';
  const app = {
    name: 'app', image: 'docker.io/library/nginx:latest', imageID: 'sim://docker.io/library/nginx:latest', containerID: 'sim://u1-app',
    restartCount: 0, lastState: {}, ready: true, started: true, state: { running: { startedAt: t } },
  };
  const cases = [
    { name: 'one container, bound by hand (adds PodScheduled)', input: pod(), want: {
      phase: 'Running',
      conditions: ['PodScheduled', 'PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({ type, status: 'True', lastTransitionTime: t })),
      hostIP: '172.30.0.2', hostIPs: [{ ip: '172.30.0.2' }], podIP: '10.244.1.2', podIPs: [{ ip: '10.244.1.2' }],
      startTime: '2025-01-01T00:00:00Z', containerStatuses: [app],
    } },
  ];
  for (const c of cases) assert.deepEqual(runningPodStatus(c.input, x), c.want, c.name);

  const scheduled = runningPodStatus(pod({}, [{ type: 'PodScheduled', status: 'True' }]), x);
  assert.deepEqual(scheduled.conditions?.map((c) => c.type), ['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready'], 'scheduler\'s PodScheduled kept');

  const withInit = runningPodStatus(pod({ initContainers: [{ name: 'init', image: 'busybox' }, { name: 'side', image: 'envoy', restartPolicy: 'Always' }] }), x);
  assert.deepEqual(withInit.initContainerStatuses?.map((s) => [s.name, s.ready, s.started, Object.keys(s.state ?? {})[0], s.state?.terminated?.reason]), [
    ['init', true, false, 'terminated', 'Completed'], ['side', true, true, 'running', undefined],
  ]);
});
