/**
 * A small pod garbage collector (after kubernetes/kubernetes pkg/controller/podgc/gc_controller.go),
 * run every `GC_PERIOD_MS`. It force-deletes (grace 0):
 * - orphaned pods: bound to a node that no longer exists (confirmed by a GET, as upstream
 *   confirms before acting on its informer);
 * - terminating pods whose deletion deadline has passed on a node that is not Ready and
 *   that an administrator marked with the `node.kubernetes.io/out-of-service` taint: no
 *   kubelet will finish them. Like upstream, a pod on a merely unreachable node stays
 *   Terminating (its kubelet may still be running it) until the node returns or goes.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import { isConflict, isNotFound } from '../../api/errors.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { NODES, PODS } from '../../client/resources.ts';
import type { LifecycleDeps } from './deps.ts';
import { readyCondition } from './health.ts';

/** Upstream's gcCheckPeriod. */
export const GC_PERIOD_MS = 20_000;

export type GcReason = 'orphaned' | 'terminating-on-out-of-service-node';

export const OUT_OF_SERVICE_TAINT = 'node.kubernetes.io/out-of-service';

/** Why `pod` should be force-deleted, if it should. `node` is undefined when not in the cache. */
export function gcReason(pod: DeepReadonly<Pod>, node: DeepReadonly<Node> | undefined, nowMs: number): GcReason | undefined {
  if (!pod.spec?.nodeName) return undefined;
  if (!node) return 'orphaned';
  const deadline = pod.metadata?.deletionTimestamp;
  if (!deadline || readyCondition(node)?.status === 'True') return undefined;
  if (!node.spec?.taints?.some((t) => t.key === OUT_OF_SERVICE_TAINT && t.effect === 'NoExecute')) return undefined;
  return Date.parse(deadline) <= nowMs ? 'terminating-on-out-of-service-node' : undefined;
}

export class PodGC {
  readonly #d: LifecycleDeps;
  constructor(d: LifecycleDeps) { this.#d = d; }

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.#d.clock.sleep(GC_PERIOD_MS, signal).catch(() => {});
      if (!signal.aborted) await this.pass();
    }
  }

  /** One collection. Never throws. */
  async pass(): Promise<void> {
    const d = this.#d;
    const now = d.clock.now().getTime();
    for (const pod of d.pods.lister.list()) {
      const reason = gcReason(pod, d.nodes.lister.get(pod.spec?.nodeName ?? ''), now);
      if (!reason) continue;
      try {
        if (reason === 'orphaned' && await this.#nodeExists(pod.spec!.nodeName!)) continue;
        await d.client.resource<Pod>(PODS).namespace(pod.metadata!.namespace!)
          .delete(pod.metadata!.name!, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata?.uid } });
        d.log(`podgc: force-deleted ${pod.metadata!.namespace}/${pod.metadata!.name} (${reason})`);
      } catch (e) {
        if (!isNotFound(e) && !isConflict(e)) d.log(`podgc: ${pod.metadata!.name}: ${(e as Error).message}`);
      }
    }
  }

  async #nodeExists(name: string): Promise<boolean> {
    try { await this.#d.client.resource<Node>(NODES).get(name); return true; } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }
}
