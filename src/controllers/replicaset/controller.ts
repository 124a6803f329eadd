/**
 * The ReplicaSet controller's wiring, after Kubernetes' NewReplicaSetController and its
 * handlers (pkg/controller/replicaset/replica_set.go): ReplicaSet events enqueue their
 * key; pod events enqueue the ReplicaSet that controls the pod (lowering its
 * expectations), or, for orphans, every ReplicaSet whose selector matches. A pod marked
 * for deletion counts as deleted for expectations. Handlers only produce keys.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { isEverything, matches } from '../../api/selectors/labels.ts';
import { CONTROLLER_UID_INDEX, controllerUidIndex, keyOf } from '../../client/cache.ts';
import { runController } from '../../client/controller-runtime.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { PODS, REPLICASETS } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import type { Controller, ControllerContext } from '../context.ts';
import { controllerOf, selectorOf } from './claim.ts';
import { Expectations } from './expectations.ts';
import { activeOrReadyChanged, podKey, sameLabels, type RPod } from './pod-util.ts';
import { syncReplicaSet, type SyncDeps } from './sync.ts';

export const COMPONENT = 'replicaset-controller';
type RRS = DeepReadonly<ReplicaSet>;

export interface ReplicaSetControllerOptions { burstReplicas?: number }

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset';
  readonly queue: WorkQueue;
  readonly expectations: Expectations;
  readonly deps: SyncDeps;
  readonly #ctx: ControllerContext;

  constructor(ctx: ControllerContext, opts: ReplicaSetControllerOptions = {}) {
    this.#ctx = ctx;
    this.queue = new WorkQueue({ clock: ctx.clock, name: this.name });
    this.expectations = new Expectations(ctx.clock);
    const rsInf = ctx.informers.informerFor<ReplicaSet>(REPLICASETS, { indexers: { [CONTROLLER_UID_INDEX]: controllerUidIndex } });
    // One index serves both: pods and ReplicaSets by controller uid, orphans under their namespace's reserved key.
    const podInf = ctx.informers.informerFor<Pod>(PODS, { indexers: { [CONTROLLER_UID_INDEX]: controllerUidIndex } });
    this.deps = {
      client: ctx.client, rsLister: rsInf.lister, podLister: podInf.lister, expectations: this.expectations,
      clock: ctx.clock, names: ctx.names, recorder: ctx.recorder(COMPONENT), burstReplicas: opts.burstReplicas, log: ctx.log,
    };
    rsInf.addEventHandler({
      onAdd: (rs) => this.#enqueue(rs),
      onUpdate: (old, cur) => {
        // Deleted and re-created under the same name between two events: the old one's expectations are void.
        if (old.metadata?.uid !== cur.metadata?.uid) this.expectations.delete(keyOf(old));
        this.#enqueue(cur);
      },
      onDelete: (rs) => { this.expectations.delete(keyOf(rs)); this.#enqueue(rs); },
    });
    podInf.addEventHandler({
      onAdd: (p) => this.#addPod(p),
      onUpdate: (old, cur) => this.#updatePod(old, cur),
      onDelete: (p) => this.#deletePod(p),
    });
  }

  /** One reconcile (exposed for tests). */
  sync(key: string) { return syncReplicaSet(this.deps, key); }

  run(signal: AbortSignal): Promise<void> {
    return runController({
      name: this.name, queue: this.queue, workers: this.#ctx.options.workers, signal, log: this.#ctx.log,
      reconcile: (key) => this.sync(key),
    });
  }

  #enqueue(rs: RRS): void { this.queue.add(keyOf(rs)); }

  /** The ReplicaSet a controller reference names, if it is in the cache with that uid (resolveControllerRef). */
  #resolve(p: RPod): RRS | undefined {
    const ref = controllerOf(p);
    if (!ref || ref.kind !== 'ReplicaSet' || ref.apiVersion?.split('/')[0] !== 'apps') return undefined;
    const rs = this.deps.rsLister.namespace(p.metadata?.namespace ?? '').get(ref.name);
    return rs?.metadata?.uid === ref.uid ? rs : undefined;
  }

  /** ReplicaSets in the pod's namespace whose (non-empty) selector matches it (GetPodReplicaSets). */
  #matching(p: RPod): RRS[] {
    const labels = p.metadata?.labels as Record<string, string> | undefined;
    return this.deps.rsLister.namespace(p.metadata?.namespace ?? '').list().filter((rs) => {
      try {
        const sel = selectorOf(rs);
        return !isEverything(sel) && matches(sel, labels);
      } catch { return false; }
    });
  }

  #addPod(p: RPod): void {
    if (p.metadata?.deletionTimestamp) return this.#deletePod(p);
    if (controllerOf(p)) {
      const rs = this.#resolve(p);
      if (!rs) return;
      this.expectations.creationObserved(keyOf(rs));
      return this.#enqueue(rs);
    }
    for (const rs of this.#matching(p)) this.#enqueue(rs);
  }

  #updatePod(old: RPod, cur: RPod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return; // a resync
    const labelsChanged = !sameLabels(old.metadata?.labels, cur.metadata?.labels);
    if (cur.metadata?.deletionTimestamp) {
      this.#deletePod(cur);
      if (labelsChanged) this.#deletePod(old);
      return;
    }
    const oldRef = controllerOf(old);
    const curRef = controllerOf(cur);
    const refChanged = oldRef?.uid !== curRef?.uid;
    if (refChanged && oldRef) { const rs = this.#resolve(old); if (rs) this.#enqueue(rs); }
    if (curRef) {
      if (!refChanged && !labelsChanged && !activeOrReadyChanged(old, cur)) return;
      const rs = this.#resolve(cur);
      if (rs) this.#enqueue(rs);
      return;
    }
    if (labelsChanged || refChanged) for (const rs of this.#matching(cur)) this.#enqueue(rs);
  }

  #deletePod(p: RPod): void {
    const rs = this.#resolve(p);
    if (!rs) return;
    const key = keyOf(rs);
    this.expectations.deletionObserved(key, podKey(p));
    this.queue.add(key);
  }
}
