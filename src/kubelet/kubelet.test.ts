/**
 * The kubelet against the in-process API server and an in-memory CRI runtime, on a fake clock:
 * node registration and lease, the pod CIDR hand-off, a pod to Running (CRI call sequence and
 * status), crash-loop restarts with back-off, image pull failures, Never/Succeeded, graceful
 * deletion, and re-adoption by a restarted kubelet.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigMap, Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { Lease } from 'kubernetes-types/coordination/v1.d.ts';
import { isNotFound } from '../api/errors.ts';
import { FakeClock } from '../client/clock.ts';
import { FakeEventRecorder } from '../client/events.ts';
import { InformerFactory } from '../client/informer-factory.ts';
import { CONFIGMAPS, LEASES, NODES, PODS } from '../client/resources.ts';
import type { Client } from '../client/types.ts';
import { FakeRuntimeService } from './cri/fake.ts';
import { Code } from './cri/service.ts';
import { createKubelet, type Kubelet } from './index.ts';
import { eventuallyOn, startTestAPI, testHost, type TestAPI } from './testing.ts';

const NODE = 'node-a';
const BUSYBOX = 'docker.io/library/busybox:latest';
const host = testHost(NODE, '192.168.7.7');

let api: TestAPI;
let dir: string;
let client: Client;
const clock = new FakeClock(Date.UTC(2026, 0, 1));
const cri = new FakeRuntimeService();
cri.now = () => clock.now().getTime() * 1e6;
const cidrs: string[] = [];
// In memory: the API recorder names events by time, and fake-clock events share one millisecond.
const recorder = new FakeEventRecorder();
let run: { stop: AbortController; informers: InformerFactory; kubelet: Kubelet; done: Promise<void> } | undefined;

function startKubelet() {
  const stop = new AbortController();
  const informers = new InformerFactory(client, { clock });
  const kubelet = createKubelet({
    client, informers, clock, cri, nodeName: NODE, dataDir: join(dir, 'kubelet'), podsDir: join(dir, 'pods'), host,
    hostDNS: { servers: ['192.168.7.1'], searches: ['lan'], options: [] }, controlPlane: true, recorder,
    onPodCIDR: (c) => { cidrs.push(c); }, log: (l) => process.env.KLOG && console.error(l),
  });
  informers.start(stop.signal);
  run = { stop, informers, kubelet, done: kubelet.run(stop.signal) };
}
async function stopKubelet() {
  if (!run) return;
  run.stop.abort();
  await run.done;
  await run.informers.stopped();
  run = undefined;
}

before(async () => {
  api = await startTestAPI('k8ts-kubelet-');
  ({ dir, client } = api);
  cri.image.add(BUSYBOX);
  startKubelet();
});
after(async () => {
  await stopKubelet();
  await api.close();
});

const eventually = eventuallyOn(clock);

const pods = () => client.resource<Pod>(PODS).namespace('default');
const podWith = (name: string, spec: Partial<Pod['spec']> = {}): Pod => ({
  metadata: { name, labels: { app: name } },
  spec: { nodeName: NODE, containers: [{ name: 'app', image: 'busybox:latest', imagePullPolicy: 'IfNotPresent' }], ...spec },
});
const statusOf = async (name: string) => (await pods().get(name)).status;
const containerOf = (name: string) => [...cri.containers.values()].filter((c) => c.status.labels['io.kubernetes.pod.name'] === name)
  .sort((a, b) => b.status.createdAt - a.status.createdAt)[0];
async function eventsOf(name: string): Promise<string[]> {
  return recorder.events.filter((e) => e.object === `Pod/default/${name}`).map((e) => `${e.reason}: ${e.message}`);
}

test('registers the node, renews its lease, hands over the pod CIDR', async () => {
  const node = await eventually('node', () => client.resource<Node>(NODES).get(NODE).then((n) => n.status?.nodeInfo && n));
  assert.equal(node.metadata?.labels?.['kubernetes.io/hostname'], NODE);
  assert.equal(node.metadata?.labels?.['node-role.kubernetes.io/control-plane'], '');
  assert.equal(node.status?.capacity?.pods, '110');
  assert.equal(node.status?.capacity?.cpu, '2');
  assert.equal(node.status?.capacity?.memory, '4194304Ki');
  assert.equal(node.status?.nodeInfo?.containerRuntimeVersion, 'fake://0.1.0');
  assert.equal(node.status?.nodeInfo?.kubeletVersion, 'v1.33.0-k8ts');
  assert.deepEqual(node.status?.addresses, [{ type: 'InternalIP', address: '192.168.7.7' }, { type: 'Hostname', address: NODE }]);
  const ready = await eventually('Ready', async () => (await client.resource<Node>(NODES).get(NODE)).status?.conditions?.find((c) => c.type === 'Ready'));
  assert.equal(ready.status, 'True');
  const lease = await eventually('lease', () => client.resource<Lease>(LEASES).namespace('kube-node-lease').get(NODE).catch(() => undefined));
  assert.equal(lease.spec?.leaseDurationSeconds, 40);
  const first = lease.spec?.renewTime;
  await eventually('lease renewed', async () => (await client.resource<Lease>(LEASES).namespace('kube-node-lease').get(NODE)).spec?.renewTime !== first, 1000);
  await client.resource<Node>(NODES).patch(NODE, 'application/merge-patch+json', { spec: { podCIDR: '10.250.3.0/24' } });
  await eventually('onPodCIDR', async () => cidrs.includes('10.250.3.0/24'));
});

test('a pod runs: sandbox, image, container; status Running', async () => {
  const mark = cri.calls.length;
  const created = await pods().create(podWith('web', {
    containers: [{
      name: 'app', image: 'busybox:latest', imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', 'echo $(GREETING) $(POD_IP)'],
      env: [{ name: 'GREETING', value: 'hi' }, { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
      ports: [{ containerPort: 8080, hostPort: 18080 }],
      resources: { limits: { cpu: '500m', memory: '32Mi' } },
    }],
  }));
  const uid = created.metadata!.uid!;
  const st = await eventually('web Running', async () => { const s = await statusOf('web'); return s?.phase === 'Running' && s; });
  assert.deepEqual(cri.calls.slice(mark).map((c) => c.method).filter((m) => ['runPodSandbox', 'imageStatus', 'createContainer', 'startContainer'].includes(m)),
    ['runPodSandbox', 'imageStatus', 'createContainer', 'startContainer']);
  const sb = [...cri.sandboxes.values()].find((s) => s.status.metadata?.uid === uid)!;
  assert.equal(sb.config.hostname, 'web');
  assert.equal(sb.config.logDirectory, join(dir, 'pods', `default_web_${uid}`));
  assert.deepEqual(sb.config.dnsConfig?.servers, ['192.168.7.1']);
  assert.deepEqual(sb.config.portMappings, [{ protocol: 'TCP', containerPort: 8080, hostPort: 18080, hostIp: '' }]);
  assert.equal(sb.config.labels?.['io.kubernetes.pod.uid'], uid);
  const c = containerOf('web');
  assert.equal(c.config.logPath, 'app/0.log');
  assert.deepEqual(c.config.command, ['sh', '-c', `echo hi ${st.podIP}`]);
  assert.deepEqual(c.config.envs?.find((e) => e?.key === 'NODE'), { key: 'NODE', value: NODE });
  assert.equal(c.config.linux?.resources?.memoryLimitInBytes, 32 * 2 ** 20);
  assert.equal(c.config.linux?.resources?.cpuQuota, 50_000);
  assert.match(st.podIP!, /^10\.88\.0\./);
  assert.equal(st.hostIP, '192.168.7.7');
  const cs = st.containerStatuses![0];
  assert.equal(cs.ready, true);
  assert.equal(cs.containerID, `containerd://${c.status.id}`);
  assert.equal(cs.image, BUSYBOX);
  assert.ok(cs.state?.running?.startedAt);
  assert.deepEqual(st.conditions?.map((x) => `${x.type}=${x.status}`).sort(),
    ['ContainersReady=True', 'Initialized=True', 'PodReadyToStartContainers=True', 'PodScheduled=True', 'Ready=True'].filter((x) => st.conditions!.some((y) => `${y.type}=${y.status}` === x)).sort());
  assert.equal(st.conditions?.find((x) => x.type === 'Ready')?.status, 'True');
  const evs = await eventually('events', async () => { const e = await eventsOf('web'); return e.length >= 3 && e; });
  assert.deepEqual([...new Set(evs)].sort(), ['Created: Created container: app', 'Pulled: Container image "busybox:latest" already present on machine', 'Started: Started container app']);
});

test('while its sandbox cannot be made, a pod shows ContainerCreating with its container statuses', async () => {
  cri.fail('runPodSandbox', Code.UNKNOWN, 'failed to set up pod network', 3);
  await pods().create(podWith('slow-net'));
  const st = await eventually('ContainerCreating', async () => {
    const s = await statusOf('slow-net');
    return s?.containerStatuses?.[0]?.state?.waiting?.reason === 'ContainerCreating' && s;
  }, 1);
  assert.equal(st.phase, 'Pending');
  assert.equal(st.containerStatuses?.[0].ready, false);
  assert.equal(st.conditions?.find((c) => c.type === 'Ready')?.status, 'False');
  await eventually('slow-net Running', async () => (await statusOf('slow-net'))?.phase === 'Running');
});

test('a crashing container restarts, then backs off (CrashLoopBackOff)', async () => {
  await pods().create(podWith('crash'));
  await eventually('crash Running', async () => (await statusOf('crash'))?.phase === 'Running');
  cri.exitContainer(containerOf('crash').status.id, 1);
  // First restart is immediate (after the relist notices).
  await eventually('restart 1', async () => (await statusOf('crash'))?.containerStatuses?.[0].restartCount === 1 && containerOf('crash').status.state === 'CONTAINER_RUNNING');
  const st1 = await statusOf('crash');
  assert.equal(st1?.containerStatuses?.[0].lastState?.terminated?.exitCode, 1);
  cri.exitContainer(containerOf('crash').status.id, 2);
  const waiting = await eventually('CrashLoopBackOff', async () => {
    const s = await statusOf('crash');
    return s?.containerStatuses?.[0].state?.waiting?.reason === 'CrashLoopBackOff' && s;
  });
  assert.match(waiting.containerStatuses![0].state!.waiting!.message!, /^back-off 10s restarting failed container=app pod=crash_default\(/);
  assert.equal(waiting.containerStatuses![0].lastState?.terminated?.exitCode, 2);
  assert.ok((await eventsOf('crash')).some((e) => e.startsWith('BackOff: Back-off restarting failed container app in pod crash_default(')));
  // After the 10 s back-off it runs again as restart 2.
  await eventually('restart 2', async () => (await statusOf('crash'))?.containerStatuses?.[0].restartCount === 2, 500);
  assert.equal(containerOf('crash').config.logPath, 'app/2.log');
});

test('image pull failures: ErrImagePull, then ImagePullBackOff; Never without the image: ErrImageNeverPull', async () => {
  cri.image.missing.add('docker.io/library/nope:1');
  await pods().create(podWith('nopull', { containers: [{ name: 'app', image: 'nope:1', imagePullPolicy: 'IfNotPresent' }] }));
  await eventually('ErrImagePull', async () => (await statusOf('nopull'))?.containerStatuses?.[0].state?.waiting?.reason === 'ErrImagePull');
  await eventually('ImagePullBackOff', async () => (await statusOf('nopull'))?.containerStatuses?.[0].state?.waiting?.reason === 'ImagePullBackOff');
  const evs = await eventsOf('nopull');
  assert.ok(evs.includes('Pulling: Pulling image "nope:1"'), evs.join('\n'));
  assert.ok(evs.some((e) => e.startsWith('Failed: Failed to pull image "nope:1": ')));
  assert.ok(evs.includes('Failed: Error: ErrImagePull'));
  assert.ok(evs.includes('BackOff: Back-off pulling image "nope:1"'));
  assert.equal((await statusOf('nopull'))?.phase, 'Pending');

  await pods().create(podWith('never', { containers: [{ name: 'app', image: 'absent:2', imagePullPolicy: 'Never' }] }));
  const s = await eventually('ErrImageNeverPull', async () => { const x = await statusOf('never'); return x?.containerStatuses?.[0].state?.waiting?.reason === 'ErrImageNeverPull' && x; });
  assert.equal(s.containerStatuses![0].state!.waiting!.message, 'Container image "absent:2" is not present with pull policy of Never');
});

test('init container, sidecar, shared emptyDir and a configMap volume', async () => {
  await client.resource<ConfigMap>(CONFIGMAPS).namespace('default').create({ metadata: { name: 'cfg' }, data: { 'app.conf': 'port=8080\n' } });
  // Init containers of this pod finish as soon as they start.
  cri.onStart = (c) => { if (c.status.annotations['io.k8ts.container.type'] === 'init' && c.status.metadata?.name === 'setup') cri.exitContainer(c.status.id, 0); };
  const mark = cri.calls.length;
  await pods().create(podWith('inits', {
    initContainers: [
      { name: 'setup', image: 'busybox:latest', imagePullPolicy: 'IfNotPresent' },
      { name: 'proxy', image: 'busybox:latest', imagePullPolicy: 'IfNotPresent', restartPolicy: 'Always' },
    ],
    containers: [{ name: 'app', image: 'busybox:latest', imagePullPolicy: 'IfNotPresent',
      volumeMounts: [{ name: 'shared', mountPath: '/shared' }, { name: 'conf', mountPath: '/etc/app', readOnly: true }] }],
    volumes: [{ name: 'shared', emptyDir: {} }, { name: 'conf', configMap: { name: 'cfg' } }],
  }));
  const st = await eventually('inits Running', async () => { const s = await statusOf('inits'); return s?.phase === 'Running' && s; });
  cri.onStart = () => {};
  const order = cri.calls.slice(mark).filter((c) => c.method === 'createContainer').map((c) => (c.request as { config: { metadata: { name: string } } }).config.metadata.name);
  assert.deepEqual(order, ['setup', 'proxy', 'app']);
  assert.deepEqual(st.initContainerStatuses?.map((c) => Object.keys(c.state ?? {})[0]), ['terminated', 'running']);
  assert.equal(st.conditions?.find((c) => c.type === 'Initialized')?.status, 'True');
  const uid = (await pods().get('inits')).metadata!.uid!;
  const mounts = containerOf('inits').config.mounts!;
  const conf = mounts.find((m) => m?.containerPath === '/etc/app')!;
  assert.equal(readFileSync(join(conf.hostPath!, 'app.conf'), 'utf8'), 'port=8080\n');
  assert.equal(conf.readonly, true);
  assert.equal(mounts.find((m) => m?.containerPath === '/shared')?.hostPath, join(dir, 'kubelet', 'pods', uid, 'volumes', 'kubernetes.io~empty-dir', 'shared'));
});

test('restartPolicy Never: exit 0 → Succeeded, sandbox stopped', async () => {
  await pods().create(podWith('job', { restartPolicy: 'Never' }));
  await eventually('job Running', async () => (await statusOf('job'))?.phase === 'Running');
  cri.exitContainer(containerOf('job').status.id, 0);
  const st = await eventually('Succeeded', async () => { const s = await statusOf('job'); return s?.phase === 'Succeeded' && s; });
  assert.equal(st.containerStatuses?.[0].state?.terminated?.reason, 'Completed');
  assert.equal(st.conditions?.find((c) => c.type === 'Ready')?.reason, 'PodCompleted');
  const uid = (await pods().get('job')).metadata!.uid!;
  await eventually('sandbox stopped', async () => [...cri.sandboxes.values()].every((s) => s.status.metadata?.uid !== uid || s.status.state === 'SANDBOX_NOTREADY'));
});

test('an ended pod\'s status is read once more: an OOM kill recorded after the exit shows', async () => {
  await pods().create(podWith('hog', { restartPolicy: 'Never' }));
  await eventually('hog Running', async () => (await statusOf('hog'))?.phase === 'Running');
  const c = containerOf('hog');
  // containerd handled the exit before its OOM event: the first terminal status says Error.
  cri.exitContainer(c.status.id, 137, 'Error');
  // Small steps: the status is seen long before the relist-later second look is due.
  await eventually('Failed with Error', async () => {
    const s = await statusOf('hog');
    return s?.phase === 'Failed' && s.containerStatuses?.[0].state?.terminated?.reason === 'Error';
  }, 5);
  c.status.reason = 'OOMKilled';
  const st = await eventually('OOMKilled', async () => {
    const s = await statusOf('hog');
    return s?.containerStatuses?.[0].state?.terminated?.reason === 'OOMKilled' && s;
  });
  assert.equal(st.phase, 'Failed');
  assert.equal(st.containerStatuses?.[0].state?.terminated?.exitCode, 137);
});

test('the second look at an ended pod keeps lastState, though the previous container is collected', async () => {
  await pods().create(podWith('twice', { restartPolicy: 'OnFailure' }));
  await eventually('twice Running', async () => (await statusOf('twice'))?.phase === 'Running');
  cri.exitContainer(containerOf('twice').status.id, 1);
  await eventually('restart 1', async () => (await statusOf('twice'))?.containerStatuses?.[0].restartCount === 1 && containerOf('twice').status.state === 'CONTAINER_RUNNING');
  const c = containerOf('twice');
  cri.exitContainer(c.status.id, 0);
  await eventually('Succeeded', async () => (await statusOf('twice'))?.phase === 'Succeeded', 5);
  // A reason only the second look can carry marks that it happened.
  c.status.reason = 'OOMKilled';
  const st = await eventually('second look', async () => {
    const s = await statusOf('twice');
    return s?.containerStatuses?.[0].state?.terminated?.reason === 'OOMKilled' && s;
  });
  assert.equal(st.containerStatuses?.[0].lastState?.terminated?.exitCode, 1);
  assert.equal(st.containerStatuses?.[0].restartCount, 1);
});

test('graceful delete: containers stopped with the grace period, sandbox removed, pod deleted', async () => {
  const mark = cri.calls.length;
  await pods().create(podWith('gone', { terminationGracePeriodSeconds: 7 }));
  await eventually('gone Running', async () => (await statusOf('gone'))?.phase === 'Running');
  const uid = (await pods().get('gone')).metadata!.uid!;
  const id = containerOf('gone').status.id;
  await pods().delete('gone');
  await eventually('gone deleted', async () => pods().get('gone').then(() => false, (e) => isNotFound(e)));
  const stop = cri.calls.find((c) => c.method === 'stopContainer' && (c.request as { containerId: string }).containerId === id);
  assert.equal((stop?.request as { timeout: number }).timeout, 7);
  const seq = cri.calls.slice(mark).map((c) => c.method).filter((m) => ['stopContainer', 'stopPodSandbox', 'removeContainer', 'removePodSandbox'].includes(m));
  assert.deepEqual(seq.slice(0, 1), ['stopContainer']);
  assert.ok(seq.includes('removePodSandbox'));
  assert.ok(![...cri.sandboxes.values()].some((s) => s.status.metadata?.uid === uid));
});

test('a restarted kubelet re-adopts running pods without recreating them', async () => {
  const before = (await statusOf('web'))!;
  await stopKubelet();
  const mark = cri.calls.length;
  startKubelet();
  await eventually('relisted', async () => cri.calls.slice(mark).filter((c) => c.method === 'listPodSandbox').length >= 3, 500);
  await run!.kubelet.idle();
  const after = cri.calls.slice(mark).map((c) => c.method);
  assert.ok(!after.includes('runPodSandbox') && !after.includes('createContainer') && !after.includes('stopContainer'), after.join(','));
  const now = (await statusOf('web'))!;
  assert.equal(now.podIP, before.podIP);
  assert.equal(now.containerStatuses?.[0].containerID, before.containerStatuses?.[0].containerID);
  assert.equal(now.containerStatuses?.[0].restartCount, 0);
});

test('stopAllPods stops every sandbox (k8ts down)', async () => {
  await run!.kubelet.stopAllPods(1);
  assert.ok([...cri.sandboxes.values()].every((s) => s.status.state === 'SANDBOX_NOTREADY'));
  assert.ok([...cri.containers.values()].every((c) => c.status.state !== 'CONTAINER_RUNNING'));
});

test('a pod removed from the API behind the kubelet\'s back is killed and cleaned up', async () => {
  await pods().create(podWith('orphan'));
  await eventually('orphan Running', async () => (await statusOf('orphan'))?.phase === 'Running');
  const uid = (await pods().get('orphan')).metadata!.uid!;
  await pods().delete('orphan', { gracePeriodSeconds: 0 });
  await eventually('runtime cleaned', async () => ![...cri.sandboxes.values()].some((s) => s.status.metadata?.uid === uid));
});
