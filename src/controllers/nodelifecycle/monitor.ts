/**
 * The node monitor: every `periodMs`, for each node (monitorNodeHealth in kubernetes/
 * kubernetes pkg/controller/nodelifecycle/node_lifecycle_controller.go):
 * 1. If it is stale (health.ts), set its conditions Unknown (status update) and, when it
 *    was Ready, record NodeNotReady on the node.
 * 2. While its Ready condition is Unknown, set its pods' Ready condition False
 *    (MarkPodsNotReady): no kubelet is left to do it.
 * 3. Make its controller-owned taints match its conditions (taints.ts).
 * A failed write is logged and retried on the next pass; passes are level-triggered.
 */
import type { Node, Pod, PodCondition } from 'kubernetes-types/core/v1.d.ts';
import { isConflict, isNotFound } from '../../api/errors.ts';
import { NODE_NAME_INDEX } from '../../client/cache.ts';
import { thaw, type DeepReadonly } from '../../client/freeze.ts';
import { NODES, PODS } from '../../client/resources.ts';
import type { LifecycleDeps } from './deps.ts';
import { NODE_LEASE_NAMESPACE } from '../../client/resources.ts';
import { isStale, readyCondition, unknownConditions } from './health.ts';
import { desiredTaints, reconcileTaints } from './taints.ts';
import { rfc3339 } from '../../api/meta.ts';


export class NodeMonitor {
  readonly #d: LifecycleDeps;
  /** When monitoring began: the floor of every node's last probe. */
  readonly #since: number;

  constructor(d: LifecycleDeps) {
    this.#d = d;
    this.#since = d.clock.now().getTime();
  }

  /** Runs a pass every period until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.pass();
      await this.#d.clock.sleep(this.#d.periodMs, signal).catch(() => {});
    }
  }

  /** One pass over every node. Never throws. */
  async pass(): Promise<void> {
    await Promise.all(this.#d.nodes.lister.list().map((n) => this.syncNode(n).catch((e) => {
      if (!isConflict(e) && !isNotFound(e)) this.#d.log(`node-lifecycle: ${n.metadata?.name}: ${(e as Error).message}`);
    })));
  }

  async syncNode(cached: DeepReadonly<Node>): Promise<void> {
    const d = this.#d;
    const name = cached.metadata!.name!;
    const now = d.clock.now().getTime();
    const nodes = d.client.resource<Node>(NODES);
    // Read-only until written: the writes below send copies (a thaw per node per pass was 1 % of a busy server).
    let node = cached as Node;
    const lease = d.leases.lister.namespace(NODE_LEASE_NAMESPACE).get(name);
    if (isStale(cached, lease, now, d.graceMs, this.#since)) {
      const wasReady = readyCondition(cached)?.status === 'True';
      const conditions = unknownConditions(cached.status?.conditions, now);
      if (conditions) {
        node = await nodes.updateStatus({ ...node, status: { ...node.status, conditions } });
        d.log(`node-lifecycle: ${name}: no heartbeat for ${d.graceMs} ms, status Unknown`);
        if (wasReady) d.nodeRecorder.event(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
      }
    }
    if (readyCondition(node)?.status === 'Unknown') await this.#markPodsNotReady(name, now);
    const change = reconcileTaints(node.spec?.taints, desiredTaints(node), now);
    if (change) {
      await nodes.update({ ...node, spec: { ...node.spec, taints: change.taints } });
      d.log(`node-lifecycle: ${name}: taints +[${change.added}] -[${change.removed}]`);
    }
  }

  async #markPodsNotReady(nodeName: string, now: number): Promise<void> {
    const d = this.#d;
    for (const cached of d.pods.lister.byIndex(NODE_NAME_INDEX, nodeName)) {
      const ready = cached.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const pod = thaw<Pod>(cached);
      const c = pod.status!.conditions!.find((x) => x.type === 'Ready') as PodCondition;
      c.status = 'False';
      c.lastTransitionTime = rfc3339(now);
      try {
        const updated = await d.client.resource<Pod>(PODS).namespace(pod.metadata!.namespace!).updateStatus(pod);
        // Recorded after the write, so the pod is known to still exist (upstream does the same).
        d.nodeRecorder.event(updated, 'Warning', 'NodeNotReady', 'Node is not ready');
      } catch (e) {
        if (!isNotFound(e) && !isConflict(e)) throw e;
      }
    }
  }
}
