/**
 * The kubelet of every simulated node, in one process (the kwok idea): one Node informer
 * (label k8ts.io/simulated=true) and the shared Pod informer (indexed by node) feed two work
 * queues — node names for heartbeats (node-sync.ts), pod keys for pod
 * life (pod-sync.ts). Nothing per node but a little state, so thousands of nodes fit.
 *
 *   const sim = startSimulatedNodes({ client, informers, clock, log });  // registers informers
 *   informers.start(signal);
 *   await sim.run(signal);
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import { NODE_NAME_INDEX, keyOf, nodeNameIndex, type IndexFunc } from '../client/cache.ts';
import type { Clock } from '../client/clock.ts';
import { runController } from '../client/controller-runtime.ts';
import type { DeepReadonly } from '../client/freeze.ts';
import type { InformerFactory } from '../client/informer-factory.ts';
import { NODES, PODS } from '../client/resources.ts';
import type { Client } from '../client/types.ts';
import { WorkQueue } from '../client/workqueue.ts';
import { isHeartbeatStopped, SIMULATED_SELECTOR } from './labels.ts';
import { NodeHeartbeats } from './node-sync.ts';
import { PodRunner } from './pod-sync.ts';

export interface SimulatedNodesOptions {
  client: Client;
  informers: InformerFactory;
  clock: Clock;
  log?: (line: string) => void;
  /** From first seeing a pod on its node to reporting it Running. Default 100 ms. */
  startDelayMs?: number;
  /** From seeing a pod's deletionTimestamp to confirming the delete. Default 100 ms. */
  stopDelayMs?: number;
  nodeWorkers?: number;
  podWorkers?: number;
  /** How often each node renews its lease. Default 10 s (keep it well under the node monitor grace period). */
  leaseRenewIntervalMs?: number;
}

export interface SimulatedNodes {
  readonly name: string;
  /** Waits for the two informers to sync, then works until `signal` aborts. */
  run(signal: AbortSignal): Promise<void>;
}

export const SIMULATED_NODES_NAME = 'simulated-nodes';

export function startSimulatedNodes(o: SimulatedNodesOptions): SimulatedNodes {
  const log = o.log ?? (() => {});
  const nodeInf = o.informers.informerFor<Node>(NODES, { labelSelector: SIMULATED_SELECTOR });
  // The cluster's one pod informer, indexed by node: a field selector here would be a filtered
  // watch, which makes the API server decode every pod change to test it.
  const podInf = o.informers.informerFor<Pod>(PODS, { indexers: { [NODE_NAME_INDEX]: nodeNameIndex as IndexFunc<Pod> } });
  const nodeQueue = new WorkQueue({ clock: o.clock, name: 'simulated-nodes' });
  const podQueue = new WorkQueue({ clock: o.clock, name: 'simulated-pods' });
  const beats = new NodeHeartbeats(o.client, nodeInf.lister, o.clock, o.leaseRenewIntervalMs);
  const runner = new PodRunner(o.client, nodeInf.lister, podInf.lister, o.clock, {
    startDelayMs: o.startDelayMs ?? 100, stopDelayMs: o.stopDelayMs ?? 100, log,
  });

  const enqueuePodsOf = (node: string) => { for (const p of podInf.lister.byIndex(NODE_NAME_INDEX, node)) podQueue.add(keyOf(p)); };
  nodeInf.addEventHandler({
    onAdd(n) { nodeQueue.add(n.metadata!.name!); enqueuePodsOf(n.metadata!.name!); },
    onUpdate(old, n) {
      const name = n.metadata!.name!;
      const resumed = isHeartbeatStopped(old) && !isHeartbeatStopped(n);
      if (resumed) beats.renewNow(name);
      nodeQueue.add(name);
      if (resumed || old.spec?.podCIDR !== n.spec?.podCIDR || podsWaitOnAddress(old, n)) enqueuePodsOf(name);
    },
    onDelete(n) { beats.forget(n.metadata!.name!); runner.forgetNode(n.metadata!.name!); },
  });
  const onPod = (p: DeepReadonly<Pod>) => {
    runner.observe(p);
    if (p.spec?.nodeName && nodeInf.lister.get(p.spec.nodeName)) podQueue.add(keyOf(p));
  };
  podInf.addEventHandler({
    onAdd: onPod,
    onUpdate: (_, p) => onPod(p),
    onDelete: (p) => runner.forget(p),
  });

  return {
    name: SIMULATED_NODES_NAME,
    async run(signal) {
      if (!(await nodeInf.waitForSync(signal)) || !(await podInf.waitForSync(signal))) return;
      await Promise.all([
        runController({
          name: 'simulated-nodes', queue: nodeQueue, workers: o.nodeWorkers ?? 16, signal, log,
          reconcile: async (key) => { const after = await beats.sync(key); return after === undefined ? {} : { requeueAfter: after }; },
        }),
        runController({
          name: 'simulated-pods', queue: podQueue, workers: o.podWorkers ?? 64, signal, log,
          reconcile: async (key) => { const after = await runner.sync(key); return after === undefined ? {} : { requeueAfter: after }; },
        }),
      ]);
    },
  };
}

/** The node's InternalIP appeared: pods that waited for a host address can go on. */
function podsWaitOnAddress(old: DeepReadonly<Node>, n: DeepReadonly<Node>): boolean {
  const ip = (x: DeepReadonly<Node>) => x.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  return ip(old) !== ip(n);
}
