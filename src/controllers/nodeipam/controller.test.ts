import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { NODES } from '../../client/resources.ts';
import { eventually, testCluster } from '../nodelifecycle/testing.ts';
import { entry, NodeIpamController } from './index.ts';

describe('node IPAM (in-process API)', () => {
  it('gives nodes distinct /24s, keeps existing ones and releases the blocks of deleted nodes', async () => {
    const c = await testCluster();
    const nodes = c.client.resource<Node>(NODES);
    // Taken before the controller starts: must not be handed out again.
    await nodes.create({ metadata: { name: 'old' }, spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] } });
    for (const name of ['a', 'b', 'c']) await nodes.create({ metadata: { name } });
    const ac = new AbortController();
    const ctrl = entry.create(c.ctx);
    c.ctx.informers.start(ac.signal);
    await c.ctx.informers.waitForSync(ac.signal);
    void ctrl.run(ac.signal);
    try {
      const cidrs = await eventually(async () => {
        const l = (await nodes.list()).items;
        assert.ok(l.every((n) => n.spec?.podCIDR && n.spec.podCIDRs?.[0] === n.spec.podCIDR), 'every node has a CIDR');
        return Object.fromEntries(l.map((n) => [n.metadata!.name, n.spec!.podCIDR]));
      });
      assert.equal(cidrs.old, '10.244.0.0/24');
      assert.deepEqual(Object.values(cidrs).sort(), ['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24', '10.244.3.0/24']);
      await nodes.delete('b');
      await nodes.create({ metadata: { name: 'd' } });
      const d = await eventually(async () => { const n = await nodes.get('d'); assert.ok(n.spec?.podCIDR); return n.spec.podCIDR; });
      assert.equal(d, '10.244.4.0/24', 'allocation moves on before wrapping');
      await eventually(() => assert.equal((ctrl as NodeIpamController).cidrs.used, 4, "b's block is free again"));
    } finally {
      ac.abort();
      await c.close();
    }
  });
});
