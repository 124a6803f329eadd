import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Lease } from 'kubernetes-types/coordination/v1.d.ts';
import type { Node, Pod, Toleration } from 'kubernetes-types/core/v1.d.ts';
import { isNotFound } from '../../api/errors.ts';
import { LEASES, NODES, PODS } from '../../client/resources.ts';
import { entry } from './index.ts';
import { advance, eventually, flush, testCluster, type TestCluster } from './testing.ts';

const iso = (c: TestCluster) => c.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');

async function heartbeat(c: TestCluster, ready = 'True'): Promise<void> {
  const nodes = c.client.resource<Node>(NODES);
  const n = await nodes.get('n1');
  await nodes.updateStatus({ ...n, status: { ...n.status, conditions: [{ type: 'Ready', status: ready, reason: 'KubeletReady', lastHeartbeatTime: iso(c), lastTransitionTime: iso(c) }] } });
  const leases = c.client.resource<Lease>(LEASES).namespace('kube-node-lease');
  const l = await leases.get('n1').catch(() => undefined);
  const spec = { holderIdentity: 'n1', leaseDurationSeconds: 40, renewTime: new Date(c.clock.now()).toISOString().replace('Z', '000Z') };
  if (l) await leases.update({ ...l, spec }); else await leases.create({ metadata: { name: 'n1' }, spec });
}

async function runningPod(c: TestCluster, name: string, tolerations: Toleration[]): Promise<void> {
  const pods = c.client.resource<Pod>(PODS).namespace('default');
  const p = await pods.create({ metadata: { name }, spec: { nodeName: 'n1', tolerations, containers: [{ name: 'c', image: 'busybox' }] } });
  await pods.updateStatus({ ...p, status: { ...p.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } });
}

async function start(c: TestCluster): Promise<AbortController> {
  const ac = new AbortController();
  const ctrl = entry.create(c.ctx);
  c.ctx.informers.start(ac.signal);
  await c.ctx.informers.waitForSync(ac.signal);
  void ctrl.run(ac.signal);
  await flush();
  return ac;
}

const getPod = (c: TestCluster, name: string) => c.client.resource<Pod>(PODS).namespace('default').get(name);
const unreachableFor = (s?: number): Toleration => ({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', ...(s === undefined ? {} : { tolerationSeconds: s }) });

describe('node lifecycle controller (in-process API, fake clock)', () => {
  it('marks a silent node Unknown, taints it, evicts by toleration, collects, and clears on recovery', async () => {
    const c = await testCluster();
    const nodes = c.client.resource<Node>(NODES);
    await nodes.create({ metadata: { name: 'n1' } });
    await heartbeat(c);
    await runningPod(c, 'p5', [unreachableFor(5)]);
    await runningPod(c, 'forever', [unreachableFor()]);
    const ac = await start(c);
    try {
      await advance(c.clock, 40);
      assert.equal((await nodes.get('n1')).status!.conditions![0].status, 'True', 'not stale at exactly the grace period');
      await advance(c.clock, 5);
      const n = await eventually(async () => {
        const n = await nodes.get('n1');
        assert.equal(n.spec?.taints?.length, 2);
        return n;
      });
      assert.deepEqual(n.status!.conditions!.map((x) => [x.type, x.status, x.reason]), [
        ['Ready', 'Unknown', 'NodeStatusUnknown'], ['MemoryPressure', 'Unknown', 'NodeStatusNeverUpdated'],
        ['DiskPressure', 'Unknown', 'NodeStatusNeverUpdated'], ['PIDPressure', 'Unknown', 'NodeStatusNeverUpdated']]);
      assert.deepEqual(n.spec!.taints!.map((t) => `${t.key}:${t.effect}`).sort(),
        ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
      const added = Date.parse(n.spec!.taints!.find((t) => t.effect === 'NoExecute')!.timeAdded!);
      await eventually(async () => assert.equal((await getPod(c, 'forever')).status!.conditions!.find((x) => x.type === 'Ready')!.status, 'False'));

      // tolerationSeconds 5: still there just before, deleted (Terminating) at 5 s.
      c.clock.setTime(added + 4000); await flush();
      assert.equal((await getPod(c, 'p5')).metadata!.deletionTimestamp, undefined);
      c.clock.setTime(added + 5000);
      const p5 = await eventually(async () => { const p = await getPod(c, 'p5'); assert.ok(p.metadata!.deletionTimestamp); return p; });
      assert.equal(p5.status!.conditions!.find((x) => x.type === 'DisruptionTarget')?.reason, 'DeletionByTaintManager');
      assert.ok(c.events.events.some((e) => e.reason === 'TaintManagerEviction' && e.message === 'Marking for deletion Pod default/p5'));
      assert.ok(c.events.events.some((e) => e.reason === 'NodeNotReady' && e.object === 'Node//n1'));

      // Its node may still run it, so it stays Terminating (as upstream) until the node returns or goes.
      await advance(c.clock, 60);
      assert.ok((await getPod(c, 'p5')).metadata!.deletionTimestamp);
      assert.equal((await getPod(c, 'forever')).metadata!.deletionTimestamp, undefined, 'tolerates forever');

      // Recovery: the kubelet posts status and renews its lease; the taints go.
      await heartbeat(c);
      await advance(c.clock, 5);
      await eventually(async () => assert.deepEqual((await nodes.get('n1')).spec?.taints ?? [], []));
    } finally {
      ac.abort();
      await c.close();
    }
  });

  it('deletes at once a pod that does not tolerate a NoExecute taint, and cancels a pending one when the taint goes', async () => {
    const c = await testCluster();
    const nodes = c.client.resource<Node>(NODES);
    await nodes.create({ metadata: { name: 'n1' } });
    await heartbeat(c);
    await runningPod(c, 'plain', []);
    await runningPod(c, 'patient', [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }]);
    const ac = await start(c);
    try {
      const n = await nodes.get('n1');
      await nodes.update({ ...n, spec: { taints: [{ key: 'dedicated', value: 'x', effect: 'NoExecute', timeAdded: iso(c) }] } });
      await eventually(async () => assert.ok((await getPod(c, 'plain')).metadata!.deletionTimestamp));
      const n2 = await nodes.get('n1');
      await nodes.update({ ...n2, spec: { taints: [] } });
      await eventually(() => assert.ok(c.events.events.some((e) => e.message === 'Cancelling deletion of Pod default/patient')));
      await heartbeat(c);
      await advance(c.clock, 31);
      assert.equal((await getPod(c, 'patient')).metadata!.deletionTimestamp, undefined);
    } finally {
      ac.abort();
      await c.close();
    }
  });
});
