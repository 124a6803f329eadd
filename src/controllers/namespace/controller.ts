/**
 * The namespace controller (kubernetes pkg/controller/namespace): empties a namespace
 * that has a deletionTimestamp, then removes the "kubernetes" token from its
 * spec.finalizers through the finalize subresource, which lets the API server drop it.
 *
 * reconcile(name), after NamespacedResourcesDeleter.Delete:
 * 1. Read the live namespace; nothing to do unless it is being deleted.
 * 2. Make sure status.phase is Terminating.
 * 3. Delete all content (deleter.ts) and write the five deletion conditions.
 * 4. Errors → retry with back-off; content still going away → look again after
 *    estimate/2 + 1 seconds (namespace_controller.go); else finalize.
 * The system namespaces are never touched.
 */
import type { Namespace, Pod } from 'kubernetes-types/core/v1.d.ts';
import { isConflict, isNotFound } from '../../api/errors.ts';
import { runController, type ReconcileResult } from '../../client/controller-runtime.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { NAMESPACES, PODS } from '../../client/resources.ts';
import type { ResourceClient } from '../../client/types.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import type { Controller, ControllerContext } from '../context.ts';
import { mergeConditions, wantedConditions } from './conditions.ts';
import { deleteAllContent } from './deleter.ts';
import { FINALIZER_KUBERNETES, withoutOurFinalizer, type FinalizeFn } from './finalize.ts';
import { rfc3339 } from '../../api/meta.ts';

/** Never emptied here, whatever happens to them. */
export const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

export class NamespaceController implements Controller {
  readonly name = 'namespace';
  readonly queue: WorkQueue;
  readonly #ctx: ControllerContext;
  readonly #finalize: FinalizeFn;
  readonly #namespaces: ResourceClient<Namespace>;
  readonly #informer: SharedInformer<Namespace>;

  constructor(ctx: ControllerContext, finalize: FinalizeFn) {
    this.#ctx = ctx;
    this.#finalize = finalize;
    this.#namespaces = ctx.client.resource<Namespace>(NAMESPACES);
    this.queue = new WorkQueue({ clock: ctx.clock, name: this.name });
    const enqueue = (ns: { metadata?: { name?: string; deletionTimestamp?: string } }) => {
      if (ns.metadata?.deletionTimestamp && ns.metadata.name) this.queue.add(ns.metadata.name);
    };
    this.#informer = ctx.informers.informerFor<Namespace>(NAMESPACES);
    this.#informer.addEventHandler({ onAdd: enqueue, onUpdate: (_, ns) => enqueue(ns) });
    // Not in Kubernetes, which only waits out its estimate: a pod going away may be the
    // last thing a terminating namespace waits for, so look again at once.
    ctx.informers.informerFor<Pod>(PODS).addEventHandler({
      onDelete: (p) => {
        const ns = p.metadata?.namespace && this.#informer.lister.get(p.metadata.namespace);
        if (ns) enqueue(ns);
      },
    });
  }

  run(signal: AbortSignal): Promise<void> {
    return runController({
      name: this.name, queue: this.queue, workers: this.#ctx.options.workers, signal, log: this.#ctx.log,
      reconcile: (name) => this.reconcile(name),
    });
  }

  async reconcile(name: string): Promise<ReconcileResult> {
    if (PROTECTED_NAMESPACES.has(name)) return;
    let ns: Namespace;
    try {
      ns = await this.#namespaces.get(name);
      if (!ns.metadata?.deletionTimestamp) return;
      ns = await this.#ensureTerminating(ns);
      const { estimate, report } = await deleteAllContent(this.#ctx.client, name, new Date(ns.metadata!.deletionTimestamp!), this.#ctx.clock.now());
      const { conditions, changed } = mergeConditions(ns.status?.conditions, wantedConditions(report), rfc3339(this.#ctx.clock.now()));
      if (changed) {
        ns = await this.#namespaces.updateStatus({ ...ns, status: { ...ns.status, conditions } })
          .catch((e) => { this.#ctx.log(`namespace: ${name}: couldn't update status conditions: ${(e as Error).message}`); return ns; });
      }
      if (report.contentErrors.length || report.discoveryError) throw new Error([report.discoveryError, ...report.contentErrors].filter(Boolean).join('; '));
      if (estimate > 0) return { requeueAfter: (Math.floor(estimate / 2) + 1) * 1000 };
      if (!ns.spec?.finalizers?.includes(FINALIZER_KUBERNETES)) return;
      await this.#finalize(withoutOurFinalizer(ns));
    } catch (e) {
      if (isNotFound(e)) return;
      // Someone else wrote the namespace: start over on fresh state, without back-off.
      if (isConflict(e)) { this.queue.add(name); return; }
      throw e;
    }
  }

  async #ensureTerminating(ns: Namespace): Promise<Namespace> {
    if (ns.status?.phase === 'Terminating') return ns;
    return this.#namespaces.updateStatus({ ...ns, status: { ...ns.status, phase: 'Terminating' } });
  }
}
