/**
 * Issue 6 through the whole kubelet, on the in-process API server, the in-memory CRI runtime
 * and a fake clock: probes drive `ready`, `started` and restarts (with the kubelet's events),
 * hooks and termination messages, activeDeadlineSeconds.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { FakeClock } from '../client/clock.ts';
import { FakeEventRecorder } from '../client/events.ts';
import { InformerFactory } from '../client/informer-factory.ts';
import { PODS } from '../client/resources.ts';
import type { Client } from '../client/types.ts';
import { FakeRuntimeService } from './cri/fake.ts';
import { createKubelet } from './index.ts';
import { eventuallyOn, startTestAPI, testHost, type TestAPI } from './testing.ts';

const NODE = 'node-p';
const host = testHost(NODE, '192.168.7.8');

let api: TestAPI;
let client: Client;
const clock = new FakeClock(Date.UTC(2026, 0, 1));
const cri = new FakeRuntimeService();
cri.now = () => clock.now().getTime() * 1e6;
const recorder = new FakeEventRecorder();
const stop = new AbortController();
let done: Promise<void>;
let informers: InformerFactory;
/** What each exec answers, by its first word: `healthy` succeeds unless listed in `sick`. */
const sick = new Set<string>();
cri.exec = (id, cmd) => (cmd[0] === 'check' && sick.has(cmd[1]) ? { stdout: `${cmd[1]} is sick\n`, exitCode: 1 } : { stdout: '' });

before(async () => {
  api = await startTestAPI('k8ts-kubelet-lc-');
  const { dir } = api;
  client = api.client;
  cri.image.add('docker.io/library/busybox:latest');
  informers = new InformerFactory(client, { clock });
  const kubelet = createKubelet({
    client, informers, clock, cri, nodeName: NODE, dataDir: join(dir, 'kubelet'), podsDir: join(dir, 'pods'), host,
    hostDNS: { servers: [], searches: [], options: [] }, recorder, log: (l) => process.env.KLOG && console.error(l),
  });
  informers.start(stop.signal);
  done = kubelet.run(stop.signal);
});
after(async () => {
  stop.abort();
  await done;
  await informers.stopped();
  await api.close();
});

const eventually = eventuallyOn(clock);

const pods = () => client.resource<Pod>(PODS).namespace('default');
const create = (name: string, spec: Partial<Pod['spec']>) => pods().create({
  metadata: { name }, spec: { nodeName: NODE, containers: [{ name: 'app', image: 'busybox:latest', imagePullPolicy: 'IfNotPresent' }], ...spec },
} as Pod);
const statusOf = async (name: string) => (await pods().get(name)).status;
const eventsOf = (name: string) => recorder.events.filter((e) => e.object === `Pod/default/${name}`).map((e) => `${e.reason}: ${e.message}`);
const check = (what: string, extra: object = {}) => ({ exec: { command: ['check', what] }, periodSeconds: 1, failureThreshold: 1, ...extra });

test('readiness: not ready until the probe passes, unready again when it fails', async () => {
  sick.add('r1');
  await create('ready1', { containers: [{ name: 'app', image: 'busybox:latest', readinessProbe: check('r1') }] });
  const st = await eventually('running', async () => { const s = await statusOf('ready1'); return s?.containerStatuses?.[0].state?.running && s; });
  assert.equal(st.containerStatuses?.[0].ready, false);
  assert.equal(st.conditions?.find((c) => c.type === 'Ready')?.status, 'False');
  sick.delete('r1');
  await eventually('ready', async () => (await statusOf('ready1'))?.conditions?.find((c) => c.type === 'Ready')?.status === 'True');
  assert.equal((await statusOf('ready1'))?.conditions?.find((c) => c.type === 'ContainersReady')?.status, 'True');
  sick.add('r1');
  await eventually('unready', async () => (await statusOf('ready1'))?.containerStatuses?.[0].ready === false);
  assert.ok(eventsOf('ready1').includes('Unhealthy: Readiness probe failed: r1 is sick\n'));
  assert.equal((await statusOf('ready1'))?.containerStatuses?.[0].restartCount, 0);
});

test('liveness failure restarts the container with Unhealthy then Killing', async () => {
  sick.add('l1');
  await create('live1', { containers: [{ name: 'app', image: 'busybox:latest', livenessProbe: check('l1', { terminationGracePeriodSeconds: 3 }) }] });
  await eventually('restarted', async () => ((await statusOf('live1'))?.containerStatuses?.[0].restartCount ?? 0) >= 1);
  const ev = eventsOf('live1');
  const unhealthy = ev.indexOf('Unhealthy: Liveness probe failed: l1 is sick\n');
  const killing = ev.indexOf('Killing: Container app failed liveness probe, will be restarted');
  assert.ok(unhealthy >= 0 && killing > unhealthy, ev.join('\n'));
  const stop = cri.calls.find((c) => c.method === 'stopContainer' && (c.request as { timeout: number }).timeout === 3);
  assert.ok(stop, 'the probe\'s terminationGracePeriodSeconds is the stop timeout');
});

test('startup probe: liveness and readiness wait; started and ready once it passes', async () => {
  sick.add('s1');
  await create('start1', { containers: [{ name: 'app', image: 'busybox:latest', startupProbe: check('s1', { failureThreshold: 100 }), livenessProbe: check('never-sick'), readinessProbe: check('never-sick') }] });
  const st = await eventually('running', async () => { const s = await statusOf('start1'); return s?.containerStatuses?.[0].state?.running && s; });
  clock.step(3000);
  assert.equal(st.containerStatuses?.[0].started, false);
  assert.ok(!cri.calls.some((c) => c.method === 'execSync' && (c.request as { cmd: string[] }).cmd[1] === 'never-sick'), 'liveness/readiness held back');
  sick.delete('s1');
  await eventually('ready', async () => { const s = await statusOf('start1'); return s?.containerStatuses?.[0].started && s.containerStatuses[0].ready; });
});

test('a running sidecar does not keep a Never pod from Succeeded; it is stopped after', async () => {
  cri.onStart = (c) => { if (c.status.metadata?.name === 'job') cri.exitContainer(c.status.id, 0); };
  await create('sc-done', {
    restartPolicy: 'Never', terminationGracePeriodSeconds: 2,
    initContainers: [{ name: 'helper', image: 'busybox:latest', restartPolicy: 'Always' }],
    containers: [{ name: 'job', image: 'busybox:latest' }],
  });
  const st = await eventually('Succeeded', async () => { const s = await statusOf('sc-done'); return s?.phase === 'Succeeded' && s; });
  cri.onStart = () => {};
  assert.ok(st.initContainerStatuses?.[0].state?.terminated, 'sidecar stopped');
  assert.equal(st.containerStatuses?.[0].state?.terminated?.reason, 'Completed');
});

test('activeDeadlineSeconds: the pod fails with DeadlineExceeded and its containers are killed', async () => {
  await create('dl', { activeDeadlineSeconds: 5 });
  await eventually('running', async () => (await statusOf('dl'))?.phase === 'Running');
  const st = await eventually('Failed', async () => { const s = await statusOf('dl'); return s?.phase === 'Failed' && s; }, 500);
  assert.equal(st.reason, 'DeadlineExceeded');
  assert.equal(st.message, 'Pod was active on the node longer than the specified deadline');
  assert.ok(st.containerStatuses?.[0].state?.terminated);
  assert.ok(eventsOf('dl').includes('DeadlineExceeded: Pod was active on the node longer than the specified deadline'));
});
