/** What the node lifecycle parts read and write: listers from shared informers, the client, time, events. */
import type { Lease } from 'kubernetes-types/coordination/v1.d.ts';
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import { NODE_NAME_INDEX, nodeNameIndex, type IndexFunc } from '../../client/cache.ts';
import type { Clock } from '../../client/clock.ts';
import type { EventRecorder } from '../../client/events.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { LEASES, NODE_LEASE_NAMESPACE, NODES, PODS } from '../../client/resources.ts';
import type { Client } from '../../client/types.ts';
import type { ControllerContext } from '../context.ts';

export interface LifecycleDeps {
  client: Client;
  clock: Clock;
  nodes: SharedInformer<Node>;
  leases: SharedInformer<Lease>;
  /** Indexed by NODE_NAME_INDEX. */
  pods: SharedInformer<Pod>;
  /** Reports as "node-controller" (upstream's component name). */
  nodeRecorder: EventRecorder;
  /** Reports as "taint-eviction-controller". */
  evictionRecorder: EventRecorder;
  /** Reports as "pod-garbage-collector". */
  gcRecorder: EventRecorder;
  log(line: string): void;
  graceMs: number;
  periodMs: number;
}

export function depsFrom(ctx: ControllerContext): LifecycleDeps {
  return {
    client: ctx.client, clock: ctx.clock, log: ctx.log,
    nodes: ctx.informers.informerFor<Node>(NODES),
    leases: ctx.informers.informerFor<Lease>(LEASES, { namespace: NODE_LEASE_NAMESPACE }),
    pods: ctx.informers.informerFor<Pod>(PODS, { indexers: { [NODE_NAME_INDEX]: nodeNameIndex as IndexFunc<Pod> } }),
    nodeRecorder: ctx.recorder('node-controller'),
    evictionRecorder: ctx.recorder('taint-eviction-controller'),
    gcRecorder: ctx.recorder('pod-garbage-collector'),
    graceMs: ctx.options.nodeMonitorGracePeriodMs,
    periodMs: ctx.options.nodeMonitorPeriodMs,
  };
}
