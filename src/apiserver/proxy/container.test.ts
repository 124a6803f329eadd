import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { isStatusError } from '../../api/errors.ts';
import { logUnavailable, pickContainer } from './container.ts';

const pod = (containers: string[], extra: Partial<Pod['spec']> = {}, annotations?: Record<string, string>): Pod => ({
  metadata: { name: 'p', annotations }, spec: { containers: containers.map((name) => ({ name })), ...extra },
});

test('pickContainer chooses as the API server does', () => {
  const cases = [
    { name: 'the only one', input: { pod: pod(['a']), requested: null }, want: 'a' },
    { name: 'the requested one', input: { pod: pod(['a', 'b']), requested: 'b' }, want: 'b' },
    { name: 'an init container may be named', input: { pod: pod(['a'], { initContainers: [{ name: 'i' }] }), requested: 'i' }, want: 'i' },
    { name: 'annotated default', input: { pod: pod(['a', 'b'], {}, { 'kubectl.kubernetes.io/default-container': 'b' }), requested: '' }, want: 'b' },
    { name: 'annotation naming nothing', input: { pod: pod(['a', 'b'], {}, { 'kubectl.kubernetes.io/default-container': 'z' }), requested: '' },
      want: 'error: a container name must be specified for pod p, choose one of: [a b]' },
    { name: 'two, none named', input: { pod: pod(['a', 'b']), requested: undefined }, want: 'error: a container name must be specified for pod p, choose one of: [a b]' },
    { name: 'two plus init', input: { pod: pod(['a', 'b'], { initContainers: [{ name: 'i' }] }), requested: undefined },
      want: 'error: a container name must be specified for pod p, choose one of: [a b] or one of the init containers: [i]' },
    { name: 'unknown', input: { pod: pod(['a']), requested: 'x' }, want: 'error: container x is not valid for pod p' },
  ];
  for (const c of cases) {
    let got: string;
    try { got = pickContainer(c.input.pod, c.input.requested); } catch (e) {
      assert.ok(isStatusError(e) && e.code === 400, c.name);
      got = `error: ${e.message}`;
    }
    assert.equal(got, c.want, c.name);
  }
});

test('logUnavailable gives the kubelet messages', () => {
  const withStatus = (s: object): Pod => ({ ...pod(['c']), status: { containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: false, restartCount: 0, ...s }] } });
  const cases = [
    { name: 'running', input: { pod: withStatus({ state: { running: {} } }), previous: false }, want: undefined },
    { name: 'waiting', input: { pod: withStatus({ state: { waiting: { reason: 'ContainerCreating' } } }), previous: false },
      want: 'container "c" in pod "p" is waiting to start: ContainerCreating' },
    { name: 'image pull', input: { pod: withStatus({ state: { waiting: { reason: 'ImagePullBackOff' } } }), previous: false },
      want: 'container "c" in pod "p" is waiting to start: trying and failing to pull image' },
    { name: 'crash loop has a last state', input: { pod: withStatus({ state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, containerID: 'containerd://x' } } }), previous: false }, want: undefined },
    { name: 'no status yet', input: { pod: pod(['c']), previous: false }, want: 'container "c" in pod "p" is waiting to start - no logs yet' },
    { name: 'previous missing', input: { pod: withStatus({ state: { running: {} } }), previous: true }, want: 'previous terminated container "c" in pod "p" not found' },
    { name: 'previous present', input: { pod: withStatus({ state: { running: {} }, lastState: { terminated: { exitCode: 0, containerID: 'containerd://y' } } }), previous: true }, want: undefined },
    { name: 'terminated with id', input: { pod: withStatus({ state: { terminated: { exitCode: 0, containerID: 'containerd://z' } } }), previous: false }, want: undefined },
    { name: 'terminated without id', input: { pod: withStatus({ state: { terminated: { exitCode: 0 } } }), previous: false }, want: 'container "c" in pod "p" is terminated' },
  ];
  for (const c of cases) assert.equal(logUnavailable(c.input.pod, 'c', c.input.previous), c.want, c.name);
});
