/**
 * Taint-based eviction (kubernetes/kubernetes pkg/controller/tainteviction/taint_eviction.go):
 * pods on a node with NoExecute taints they do not tolerate are deleted; pods that tolerate
 * them for `tolerationSeconds` are deleted when that runs out, unless the taint goes first.
 *
 * Keys are pods (`namespace/name`); a node change enqueues the pods on it. A pending
 * deletion is a delayed re-queue of the pod's key (`requeueAfter`), so "cancelling" is just
 * finding, at that time, that the pod no longer has to go. Deletion is an ordinary graceful
 * delete; the pod GC (podgc.ts) finishes pods whose node cannot.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import { isNotFound } from '../../api/errors.ts';
import { NODE_NAME_INDEX, keyOf, splitKey } from '../../client/cache.ts';
import type { ReconcileResult } from '../../client/controller-runtime.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { PODS } from '../../client/resources.ts';
import type { WorkQueue } from '../../client/workqueue.ts';
import type { LifecycleDeps } from './deps.ts';
import { evictionFor } from './tolerations.ts';
import { rfc3339 } from '../../api/meta.ts';

export class TaintEviction {
  readonly #d: LifecycleDeps;
  /** Pods with a deletion scheduled, so a cancel can be reported (upstream's emitCancelPodDeletionEvent). */
  readonly #scheduled = new Set<string>();

  constructor(d: LifecycleDeps) { this.#d = d; }

  /** Turns pod and node events into pod keys. */
  watch(queue: WorkQueue): void {
    const d = this.#d;
    d.pods.addEventHandler({
      onAdd: (p) => { if (p.spec?.nodeName) queue.add(keyOf(p)); },
      onUpdate: (o, p) => { if (p.spec?.nodeName && o.spec?.nodeName !== p.spec.nodeName) queue.add(keyOf(p)); },
    });
    const onNode = (n: DeepReadonly<Node>) => { for (const p of d.pods.lister.byIndex(NODE_NAME_INDEX, n.metadata!.name!)) queue.add(keyOf(p)); };
    d.nodes.addEventHandler({
      onAdd: onNode,
      onUpdate: (o, n) => { if (JSON.stringify(o.spec?.taints ?? []) !== JSON.stringify(n.spec?.taints ?? [])) onNode(n); },
    });
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const d = this.#d;
    const pod = d.pods.lister.get(key);
    const node = pod?.spec?.nodeName ? d.nodes.lister.get(pod.spec.nodeName) : undefined;
    if (!pod || !node || pod.metadata?.deletionTimestamp) { this.#scheduled.delete(key); return; }
    const now = d.clock.now().getTime();
    const ev = evictionFor(pod, node.spec?.taints, now);
    if (ev.kind === 'never') {
      if (this.#scheduled.delete(key)) d.evictionRecorder.event(podRef(pod), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
      return;
    }
    if (ev.kind === 'at') {
      this.#scheduled.add(key);
      return { requeueAfter: ev.at - now };
    }
    this.#scheduled.delete(key);
    await this.#evict(pod, key);
  }

  async #evict(pod: DeepReadonly<Pod>, key: string): Promise<void> {
    const d = this.#d;
    const { namespace, name } = splitKey(key);
    const pods = d.client.resource<Pod>(PODS).namespace(namespace!);
    d.evictionRecorder.event(podRef(pod), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    try {
      // Say why before deleting, as upstream does since pod disruption conditions (1.26+).
      await pods.patchStatus(name, 'application/strategic-merge-patch+json', {
        status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: rfc3339(d.clock.now()) }] },
      });
      await pods.delete(name, { preconditions: { uid: pod.metadata?.uid } });
      d.log(`taint-eviction: deleted pod ${key} from node ${pod.spec?.nodeName}`);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

/** What an event needs to point at the pod (the cached object is read-only). */
function podRef(pod: DeepReadonly<Pod>) {
  const m = pod.metadata!;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: m.name, namespace: m.namespace, uid: m.uid } };
}
