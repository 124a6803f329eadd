/**
 * The Deployment controller's watches (deployment_controller.go): Deployments → their
 * key; ReplicaSets → the deployment controlling them, or, for orphans, every deployment
 * whose selector matches (it may adopt them); Pods → their RS's deployment when a pod goes
 * (Recreate waits for the last old pod). Handlers only make keys; `syncDeployment` does the work.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import type { LabelSelector } from 'kubernetes-types/meta/v1.d.ts';
import { fromLabelSelector, matches } from '../../api/selectors/labels.ts';
import { CONTROLLER_UID_INDEX, controllerUidIndex, keyOf } from '../../client/cache.ts';
import { runController } from '../../client/controller-runtime.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { DEPLOYMENTS, PODS, REPLICASETS } from '../../client/resources.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import type { Controller, ControllerContext } from '../context.ts';
import type { Deps } from './deps.ts';
import { syncDeployment } from './sync.ts';
import { COMPONENT } from './util/constants.ts';
import { controllerOf } from '../replicaset/claim.ts';

type RO<T> = DeepReadonly<T>;

export class DeploymentController implements Controller {
  readonly name = 'deployment';
  readonly queue: WorkQueue;
  readonly deps: Deps;
  readonly #workers: number;

  constructor(ctx: ControllerContext) {
    const dInf = ctx.informers.informerFor<Deployment>(DEPLOYMENTS);
    // Claims read ReplicaSets, and Recreate pods, by controller uid (orphans under their namespace's key).
    const byController = { indexers: { [CONTROLLER_UID_INDEX]: controllerUidIndex } };
    const rsInf = ctx.informers.informerFor<ReplicaSet>(REPLICASETS, byController);
    const podInf = ctx.informers.informerFor<Pod>(PODS, byController);
    this.queue = new WorkQueue({ clock: ctx.clock, name: 'deployment' });
    this.#workers = ctx.options.workers;
    this.deps = {
      client: ctx.client, deployments: dInf.lister, replicaSets: rsInf.lister, pods: podInf.lister,
      clock: ctx.clock, recorder: ctx.recorder(COMPONENT), log: ctx.log,
    };
    const enqueue = (d: RO<Deployment>) => this.queue.add(keyOf(d));
    dInf.addEventHandler({ onAdd: enqueue, onUpdate: (_, d) => enqueue(d), onDelete: enqueue });
    rsInf.addEventHandler({
      onAdd: (rs) => this.#enqueueForRS(rs, true),
      onUpdate: (old, rs) => {
        if (old.metadata?.resourceVersion === rs.metadata?.resourceVersion) return;
        const oldRef = controllerOf(old);
        if (oldRef && oldRef.uid !== controllerOf(rs)?.uid) this.#enqueueForRS(old, false);
        const labelsChanged = JSON.stringify(old.metadata?.labels ?? {}) !== JSON.stringify(rs.metadata?.labels ?? {});
        this.#enqueueForRS(rs, labelsChanged || !!oldRef);
      },
      onDelete: (rs) => this.#enqueueForRS(rs, false),
    });
    podInf.addEventHandler({ onDelete: (p) => this.#enqueueForPod(p) });
  }

  /** The controlling deployment; for an orphan (if `orphans`), every deployment selecting it. */
  #enqueueForRS(rs: RO<ReplicaSet>, orphans: boolean): void {
    const ns = rs.metadata?.namespace ?? '';
    const ref = controllerOf(rs);
    if (ref) {
      if (ref.kind !== 'Deployment') return;
      const d = this.deps.deployments.namespace(ns).get(ref.name);
      if (d && d.metadata?.uid === ref.uid) this.queue.add(keyOf(d));
      return;
    }
    if (!orphans) return;
    for (const d of this.deps.deployments.namespace(ns).list()) {
      try {
        if (matches(fromLabelSelector(d.spec?.selector as LabelSelector), rs.metadata?.labels as Record<string, string>)) this.queue.add(keyOf(d));
      } catch { /* an invalid selector selects nothing */ }
    }
  }

  /** Pod → RS → Recreate deployment: its rollout may be waiting for this pod to go. */
  #enqueueForPod(p: RO<Pod>): void {
    const ref = controllerOf(p);
    if (ref?.kind !== 'ReplicaSet') return;
    const rs = this.deps.replicaSets.namespace(p.metadata?.namespace ?? '').get(ref.name);
    const dRef = rs && controllerOf(rs);
    if (!dRef || dRef.kind !== 'Deployment') return;
    const d = this.deps.deployments.namespace(p.metadata?.namespace ?? '').get(dRef.name);
    if (d?.metadata?.uid === dRef.uid && d.spec?.strategy?.type === 'Recreate') this.queue.add(keyOf(d));
  }

  /** One sync of `key` (namespace/name), for tests and the workers. */
  sync(key: string) { return syncDeployment(this.deps, key); }

  run(signal: AbortSignal): Promise<void> {
    return runController({
      name: this.name, queue: this.queue, workers: this.#workers, signal, log: this.deps.log,
      reconcile: (key) => this.sync(key),
    });
  }
}
