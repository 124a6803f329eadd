/**
 * The garbage collector (kubernetes pkg/controller/garbagecollector): deletes objects
 * whose owners are gone, and carries out foreground and orphan deletion for owners that
 * carry the `foregroundDeletion` or `orphan` finalizer.
 *
 * The owner → dependents graph is not a separate structure here: every watched kind's
 * informer indexes its objects by uid and by each owner uid, so "the dependents of X"
 * is an index lookup across the kinds. The work queue holds uids. Reconciling a uid:
 * 1. Not in any cache: if objects still name it as owner, look at each of them again.
 * 2. Being deleted: orphan its dependents, or wait for its blocking dependents and then
 *    drop `foregroundDeletion` (decideDeleting).
 * 3. Otherwise classify its owners — those missing from the caches are checked with a
 *    live GET, as attemptToDeleteItem does — and delete it or drop dead refs (decideItem).
 */
import { isConflict } from '../../api/errors.ts';
import type { IndexFunc } from '../../client/cache.ts';
import { runController } from '../../client/controller-runtime.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { SharedInformer } from '../../client/informer.ts';
import type { Client, ObjectLike } from '../../client/types.ts';
import { WorkQueue } from '../../client/workqueue.ts';
import type { Controller, ControllerContext } from '../context.ts';
import {
  classify, decideDeleting, decideItem, FINALIZER_FOREGROUND, FINALIZER_ORPHAN, isBeingDeleted, isDeletingDependents,
  unblockRefs, withoutRefs, type Classified, type ItemAction, type Meta, type OwnerState, type Ref,
} from './graph.ts';
import { GC_KINDS, kindOf, type KindInfo } from './kinds.ts';
import { deleteObject, getLive, updateMeta, type Identity } from './writes.ts';

export const UID_INDEX = 'gc:uid';
export const OWNER_UID_INDEX = 'gc:ownerUID';
const uidIndex: IndexFunc<ObjectLike> = (o) => (o.metadata?.uid ? [o.metadata.uid] : []);
const ownerUidIndex: IndexFunc<ObjectLike> = (o) => (o.metadata?.ownerReferences ?? []).map((r) => r.uid);

type Cached = DeepReadonly<ObjectLike>;
interface Found { info: KindInfo; obj: Cached }

export class GarbageCollector implements Controller {
  readonly name = 'garbagecollector';
  readonly queue: WorkQueue;
  readonly #ctx: ControllerContext;
  readonly #client: Client;
  readonly #kinds: { info: KindInfo; inf: SharedInformer<ObjectLike> }[] = [];

  constructor(ctx: ControllerContext) {
    this.#ctx = ctx;
    this.#client = ctx.client;
    this.queue = new WorkQueue({ clock: ctx.clock, name: this.name });
    for (const info of GC_KINDS.filter((k) => k.watched)) {
      const inf = ctx.informers.informerFor<ObjectLike>(info.ref, { indexers: { [UID_INDEX]: uidIndex, [OWNER_UID_INDEX]: ownerUidIndex } });
      inf.addEventHandler({
        onAdd: (o) => this.#enqueue(o.metadata?.uid),
        onUpdate: (old, cur) => {
          this.#enqueue(cur.metadata?.uid);
          // A dropped reference may be what a foreground owner was waiting for.
          const now = new Set((cur.metadata?.ownerReferences ?? []).map((r) => r.uid));
          for (const r of old.metadata?.ownerReferences ?? []) if (!now.has(r.uid)) this.#enqueue(r.uid);
        },
        onDelete: (o) => {
          // Its dependents may now be garbage; its owners may be waiting for it.
          for (const d of this.#dependents(o.metadata?.uid)) this.#enqueue(d.metadata?.uid);
          for (const r of o.metadata?.ownerReferences ?? []) this.#enqueue(r.uid);
        },
      });
      this.#kinds.push({ info, inf });
    }
  }

  run(signal: AbortSignal): Promise<void> {
    return runController({
      name: this.name, queue: this.queue, workers: this.#ctx.options.workers, signal, log: this.#ctx.log,
      reconcile: (uid) => this.reconcile(uid),
    });
  }

  /** One look at the object with this uid; see the module comment. Idempotent. */
  async reconcile(uid: string): Promise<void> {
    try {
      const found = this.#find(uid);
      if (!found) {
        for (const d of this.#dependents(uid)) this.#enqueue(d.metadata?.uid);
        return;
      }
      if (isBeingDeleted(found.obj.metadata)) await this.#syncDeleting(found);
      else await this.#syncItem(found);
    } catch (e) {
      // Someone wrote in between: look again with fresh state, without back-off noise.
      if (!isConflict(e)) throw e;
      this.queue.add(uid);
    }
  }

  async #syncDeleting({ info, obj }: Found): Promise<void> {
    const owner = obj.metadata as Meta;
    const id = identity(info, obj);
    const deps = this.#dependents(owner.uid, obj.metadata?.namespace);
    const a = decideDeleting(owner, deps.map((d) => d.metadata as Meta));
    switch (a.type) {
      case 'skip': return;
      case 'wait': for (const u of a.enqueue) this.#enqueue(u); return;
      case 'removeForegroundFinalizer':
        await updateMeta(this.#client, id, (m) => dropFinalizer(m, FINALIZER_FOREGROUND));
        return;
      case 'orphan':
        for (const d of deps) {
          const dep = this.#find(d.metadata!.uid!);
          if (!dep) continue;
          await updateMeta(this.#client, identity(dep.info, dep.obj), (m) => {
            if (!m.ownerReferences?.some((r) => r.uid === owner.uid)) return false;
            m.ownerReferences = withoutRefs(m.ownerReferences, [owner.uid!]);
            if (!m.ownerReferences.length) delete m.ownerReferences;
            return true;
          });
        }
        await updateMeta(this.#client, id, (m) => dropFinalizer(m, FINALIZER_ORPHAN));
    }
  }

  async #syncItem({ info, obj }: Found): Promise<void> {
    const refs = obj.metadata?.ownerReferences ?? [];
    if (!refs.length) return;
    const id = identity(info, obj);
    // decideItem looks at the dependents only when an owner waits for this item (foreground
    // deletion): a ReplicaSet's thousand pods are not gathered on each of its status writes.
    const decide = (m: Meta, c: Classified) =>
      decideItem(m, c, c.waiting.length ? this.#dependents(id.uid, id.namespace).map((d) => d.metadata as Meta) : []);
    // Decide on the cache first (cheap, usually "nothing"); act only on the live object.
    let action = decide(obj.metadata as Meta, await this.#classify(refs, id.namespace));
    if (action.type === 'none') return;
    const live = await getLive(this.#client, id);
    if (!live?.metadata || isBeingDeleted(live.metadata as Meta)) return;
    action = decide(live.metadata as Meta, await this.#classify(live.metadata.ownerReferences ?? [], id.namespace));
    await this.#act(id, action);
  }

  async #act(id: Identity, a: ItemAction): Promise<void> {
    switch (a.type) {
      case 'none': return;
      case 'removeRefs':
        await updateMeta(this.#client, id, (m) => {
          m.ownerReferences = withoutRefs(m.ownerReferences, a.uids);
          if (!m.ownerReferences.length) delete m.ownerReferences;
          return true;
        });
        return;
      case 'delete':
        if (a.unblock.length) await updateMeta(this.#client, id, (m) => { m.ownerReferences = unblockRefs(m.ownerReferences, a.unblock); return true; });
        this.#ctx.log(`garbagecollector: deleting ${id.info.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name} (propagationPolicy ${a.policy})`);
        await deleteObject(this.#client, id, a.policy);
    }
  }

  async #classify(refs: readonly Ref[], namespace: string | undefined) {
    const states = new Map<string, OwnerState | undefined>();
    for (const r of refs) states.set(r.uid, await this.#ownerState(r, namespace));
    return classify(refs, (r) => states.get(r.uid));
  }

  /** Cached owners are trusted; an owner the caches lack is looked up live (it may be newer than them). */
  async #ownerState(r: Ref, namespace: string | undefined): Promise<OwnerState | undefined> {
    const info = kindOf(r.apiVersion, r.kind);
    if (!info) return undefined;
    const cached = info.watched ? this.#find(r.uid) : undefined;
    const m = (cached?.obj.metadata ?? (await getLive(this.#client, { info, namespace, name: r.name, uid: r.uid }))?.metadata) as Meta | undefined;
    if (!m) return 'absent';
    return isDeletingDependents(m) ? 'deletingDependents' : 'live';
  }

  #find(uid: string): Found | undefined {
    for (const { info, inf } of this.#kinds) {
      const obj = inf.lister.byIndex(UID_INDEX, uid)[0];
      if (obj) return { info, obj };
    }
    return undefined;
  }

  /** Objects naming `uid` as an owner; for a namespaced owner, only those in its namespace. */
  #dependents(uid: string | undefined, namespace?: string): Cached[] {
    if (!uid) return [];
    return this.#kinds.flatMap(({ inf }) => inf.lister.byIndex(OWNER_UID_INDEX, uid))
      .filter((d) => namespace === undefined || d.metadata?.namespace === namespace);
  }

  #enqueue(uid: string | undefined): void { if (uid) this.queue.add(uid); }
}

function identity(info: KindInfo, obj: Cached): Identity {
  return { info, namespace: obj.metadata?.namespace, name: obj.metadata!.name!, uid: obj.metadata!.uid! };
}

function dropFinalizer(m: { finalizers?: string[] }, f: string): boolean {
  if (!m.finalizers?.includes(f)) return false;
  m.finalizers = m.finalizers.filter((x) => x !== f);
  return true;
}

