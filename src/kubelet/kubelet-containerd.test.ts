/**
 * The kubelet against a real containerd of our own (src/containerd/), real CNI and the
 * in-process API server: a pod reaches Running with an IP from the node's CIDR and answers HTTP,
 * a Never pod that exits 3 is Failed with its exit code and log, and a delete stops and removes
 * everything. Skips without root or the runtime binaries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import { isNotFound } from '../api/errors.ts';
import { inProcessTransport } from '../apiserver/rest/in-process.ts';
import { startAPIServer } from '../apiserver/server.ts';
import { createClient } from '../client/client.ts';
import { realClock } from '../client/clock.ts';
import { InformerFactory } from '../client/informer-factory.ts';
import { NODES, PODS } from '../client/resources.ts';
import { importImage } from '../containerd/ctr.ts';
import { buildBuiltinImages, BUSYBOX_IMAGE, WEB_IMAGE } from '../containerd/images.ts';
import { startContainerd } from '../containerd/supervisor.ts';
import { realContainerdSkip, testBridgeName } from '../containerd/testing.ts';
import { connectCRI } from './cri/client.ts';
import { createKubelet } from './index.ts';

const skip = realContainerdSkip();

async function until<T>(what: string, pred: () => Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try { const v = await pred(); if (v) return v; } catch (e) { last = e; }
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('kubelet on a real containerd: Running with a pod IP, HTTP, exit codes and logs, delete', { skip, timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-kubelet-real-'));
  const bridge = testBridgeName('k8tk');
  const subnet = `10.251.${(process.pid % 250) + 1}`;
  const srv = await startAPIServer({ dataDir: join(dir, 'api'), bindAddress: '127.0.0.1', port: 0, datastore: 'memory:' });
  const client = createClient(inProcessTransport(srv.api));
  const ctd = await startContainerd({ dataDir: dir, bridgeName: bridge, log: () => {} });
  const cri = connectCRI(ctd.socket);
  const stop = new AbortController();
  const informers = new InformerFactory(client, { clock: realClock });
  const nodeName = `real-${process.pid}`;
  let kubeletDone: Promise<void> | undefined;
  try {
    for (const b of (await buildBuiltinImages(join(dir, 'images'))).filter((x) => x.ref === WEB_IMAGE || x.ref === BUSYBOX_IMAGE)) {
      await importImage(ctd.socket, b.archive);
    }
    const kubelet = createKubelet({
      client, informers, clock: realClock, cri, nodeName, dataDir: join(dir, 'kubelet'), podsDir: join(dir, 'pods'),
      onPodCIDR: async (cidr) => { await ctd.writeCNIConfig(cidr); },
    });
    informers.start(stop.signal);
    kubeletDone = kubelet.run(stop.signal);
    await until('node', () => client.resource<Node>(NODES).get(nodeName).catch(() => undefined));
    await client.resource<Node>(NODES).patch(nodeName, 'application/merge-patch+json', { spec: { podCIDR: `${subnet}.0/24` } });
    await until('node Ready', async () => (await client.resource<Node>(NODES).get(nodeName)).status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));

    const pods = client.resource<Pod>(PODS).namespace('default');
    await pods.create({
      metadata: { name: 'web' },
      spec: { nodeName, terminationGracePeriodSeconds: 2, containers: [{ name: 'web', image: WEB_IMAGE, imagePullPolicy: 'Never', ports: [{ containerPort: 8080 }] }] },
    });
    const web = await until('web Running', async () => { const p = await pods.get('web'); return p.status?.phase === 'Running' && p; });
    const ip = web.status!.podIP!;
    assert.ok(ip.startsWith(`${subnet}.`), ip);
    assert.match(web.status!.containerStatuses![0].containerID!, /^containerd:\/\/[0-9a-f]{64}$/);
    const body = await until('HTTP', async () => (await fetch(`http://${ip}:8080/hostname`)).text());
    assert.equal(body.trim(), 'web');

    await pods.create({
      metadata: { name: 'fail' },
      spec: { nodeName, restartPolicy: 'Never', containers: [{ name: 'sh', image: BUSYBOX_IMAGE, imagePullPolicy: 'Never', command: ['sh', '-c', 'echo bye $(WHO); exit 3'], env: [{ name: 'WHO', value: 'now' }] }] },
    });
    const failed = await until('fail Failed', async () => { const p = await pods.get('fail'); return p.status?.phase === 'Failed' && p; });
    assert.equal(failed.status!.containerStatuses![0].state?.terminated?.exitCode, 3);
    assert.equal(failed.status!.containerStatuses![0].state?.terminated?.reason, 'Error');
    const log = readFileSync(join(dir, 'pods', `default_fail_${failed.metadata!.uid}`, 'sh', '0.log'), 'utf8');
    assert.match(log, /^\S+ stdout F bye now$/m);

    const t0 = Date.now();
    await pods.delete('web');
    await until('web deleted', () => pods.get('web').then(() => false, (e) => isNotFound(e)));
    assert.ok(Date.now() - t0 < 15_000);
    const left = await cri.runtime.listPodSandbox({ filter: { labelSelector: { 'io.kubernetes.pod.uid': web.metadata!.uid! } } });
    assert.equal(left.items.length, 0);
  } finally {
    stop.abort();
    await kubeletDone?.catch(() => {});
    await informers.stopped();
    for (const s of (await cri.runtime.listPodSandbox({}).catch(() => ({ items: [] }))).items) {
      await cri.runtime.stopPodSandbox({ podSandboxId: s.id }).catch(() => {});
      await cri.runtime.removePodSandbox({ podSandboxId: s.id }).catch(() => {});
    }
    cri.close();
    await ctd.stop();
    await srv.close();
    try { execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' }); } catch { /* never created */ }
    rmSync(dir, { recursive: true, force: true });
  }
});
