/** Registration of node IPAM (kube-controller-manager's "node-ipam-controller", range allocator). */
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { NODES } from '../../client/resources.ts';
import type { ControllerEntry } from '../all.ts';
import { NAME, NodeIpamController } from './controller.ts';

export { NodeIpamController, type IpamDeps } from './controller.ts';
export { CidrSet, parseCidr, formatCidr } from './cidr-set.ts';


export const entry: ControllerEntry = {
  name: NAME,
  create(ctx) {
    return new NodeIpamController({
      client: ctx.client, clock: ctx.clock, log: ctx.log,
      nodes: ctx.informers.informerFor<Node>(NODES),
      recorder: ctx.recorder('cidrAllocator'),
      clusterCIDR: ctx.options.clusterCIDR,
      nodeCIDRMaskSize: ctx.options.nodeCIDRMaskSize,
      workers: ctx.options.workers,
    });
  },
};
