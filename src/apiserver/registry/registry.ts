/**
 * The generic registry: storage, resourceVersion, preconditions, finalizers and graceful
 * deletion for one resource, done once for every kind (after k8s.io/apiserver/pkg/registry/
 * generic/registry/store.go). Each kind plugs in a `Strategy`. This is the only place that
 * maps store errors to API `Status` errors.
 */
import { randomUUID } from 'node:crypto';
import type { DeleteOptions } from 'kubernetes-types/meta/v1.d.ts';
import {
  alreadyExists, conflict, gone, invalid, notFound, OptimisticLockErrorMsg, type GroupResource,
} from '../../api/errors.ts';
import { clone, rfc3339, type KObject } from '../../api/meta.ts';
import type { ResourceInfo } from '../../api/resources.ts';
import { CompactedError, KeyExistsError, type Store } from '../../store/types.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { decode, encode, sharedObject, writtenResult } from './codec.ts';
import { objectKey } from './keys.ts';
import type { Strategy } from './strategy.ts';

export interface Clock { now(): Date }

export interface WriteOptions {
  dryRun?: boolean;
}

export type TryUpdate = (current: KObject | undefined) => KObject | Promise<KObject>;

export interface UpdateResult { object: KObject; created: boolean }
export interface DeleteResult { object: KObject; deleted: boolean }

export class Registry {
  readonly info: ResourceInfo;
  readonly strategy: Strategy;
  readonly store: Store;
  readonly clock: Clock;
  readonly gr: GroupResource;

  constructor(strategy: Strategy, store: Store, clock: Clock) {
    this.info = strategy.info;
    this.strategy = strategy;
    this.store = store;
    this.clock = clock;
    this.gr = { group: this.info.group, resource: this.info.plural };
  }

  key(namespace: string | undefined, name: string) { return objectKey(this.info, namespace, name); }

  async get(namespace: string | undefined, name: string): Promise<KObject> {
    const kv = await this.store.get(this.key(namespace, name));
    if (!kv) throw notFound(this.gr, name);
    return decode(kv);
  }

  async tryGet(namespace: string | undefined, name: string): Promise<KObject | undefined> {
    const kv = await this.store.get(this.key(namespace, name));
    return kv && decode(kv);
  }

  /**
   * The stored object for reading only (admission's look at a namespace on every create),
   * frozen and shared (sharedObject). The store answers a key read lately with the same
   * KeyValue, so a busy namespace is not parsed again for every object made in it.
   */
  async tryGetShared(namespace: string | undefined, name: string): Promise<DeepReadonly<KObject> | undefined> {
    const kv = await this.store.get(this.key(namespace, name));
    return kv && sharedObject(kv);
  }

  /**
   * Stores a new object that the REST layer has decoded, defaulted, prepared and validated.
   * Fills uid and creationTimestamp; the name must be set (generateName is resolved before).
   */
  async create(obj: KObject, opts: WriteOptions = {}): Promise<KObject> {
    const meta = obj.metadata ??= {};
    meta.uid = randomUUID();
    meta.creationTimestamp = rfc3339(this.clock.now());
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (opts.dryRun) {
      if (await this.tryGet(meta.namespace, meta.name!)) throw alreadyExists(this.gr, meta.name!);
      return obj;
    }
    try {
      const kv = await this.store.create(this.key(meta.namespace, meta.name!), encode(obj));
      return writtenResult(obj, kv);
    } catch (e) {
      if (e instanceof KeyExistsError) throw alreadyExists(this.gr, meta.name!);
      throw e;
    }
  }

  /**
   * Read-modify-write with compare-and-swap, retried when another writer got in between
   * (GuaranteedUpdate). `tryUpdate` sees the current object (a private copy) and returns the
   * new one; it throws to refuse (e.g. a stale resourceVersion it was asked to match).
   * Ends in a real delete when the new object is being deleted and nothing holds it.
   */
  async update(namespace: string | undefined, name: string, tryUpdate: TryUpdate, opts: WriteOptions = {}): Promise<UpdateResult> {
    const key = this.key(namespace, name);
    for (let attempt = 0; ; attempt++) {
      const kv = await this.store.get(key);
      // tryUpdate gets an object decoded for it alone (its private copy, which it may change
      // and return); what this loop needs of the stored state is read before it runs.
      const current = kv ? decode(kv) : undefined;
      const kept = current && keptMeta(current.metadata!);
      const next = await tryUpdate(current);
      if (!kept || !kv) {
        const created = await this.create(next, opts);
        return { object: created, created: true };
      }
      const meta = next.metadata ??= {};
      // Fields a client can never change on update (ObjectMetaUpdateValidation keeps them).
      meta.uid = kept.uid;
      meta.creationTimestamp = kept.creationTimestamp;
      meta.name = kept.name;
      if (kept.namespace) meta.namespace = kept.namespace;
      if (kept.deletionTimestamp) {
        meta.deletionTimestamp = kept.deletionTimestamp;
        meta.deletionGracePeriodSeconds = kept.deletionGracePeriodSeconds;
      } else {
        delete meta.deletionTimestamp;
        delete meta.deletionGracePeriodSeconds;
      }
      if (opts.dryRun) return { object: { ...next, metadata: { ...meta, resourceVersion: kept.resourceVersion } }, created: false };
      if (shouldDeleteNow(next, this.strategy)) {
        const res = await this.store.delete(key, kv.modRevision);
        if (res.succeeded) return { object: { ...next, metadata: { ...meta, resourceVersion: String(res.revision) } }, created: false };
      } else {
        const res = await this.store.update(key, encode(next), kv.modRevision);
        if (res.succeeded) return { object: writtenResult(next, res.kv), created: false };
      }
      if (attempt > 50) throw conflict(this.gr, name, OptimisticLockErrorMsg);
    }
  }

  /**
   * DELETE with DeleteOptions: preconditions, propagation finalizers, graceful deletion.
   * Returns the last state and whether the object is gone (false: it now carries a
   * deletionTimestamp and waits for its finalizers or its node).
   */
  async delete(namespace: string | undefined, name: string, options: DeleteOptions, opts: WriteOptions = {}): Promise<DeleteResult> {
    const key = this.key(namespace, name);
    for (;;) {
      const kv = await this.store.get(key);
      if (!kv) throw notFound(this.gr, name);
      const current = decode(kv);
      checkPreconditions(this.gr, name, current, options);
      const next = clone(current);
      const meta = next.metadata!;
      const finalizers = new Set(meta.finalizers ?? []);
      const policy = options.propagationPolicy ?? (options.orphanDependents ? 'Orphan' : undefined);
      // Propagation is carried by finalizers that the garbage collector honours
      // (k8s.io/apiserver/pkg/registry/generic/registry/store.go deletionFinalizersForGarbageCollection).
      if (!meta.deletionTimestamp || finalizers.size > 0) {
        if (policy === 'Foreground') { finalizers.delete('orphan'); finalizers.add('foregroundDeletion'); }
        if (policy === 'Orphan') { finalizers.delete('foregroundDeletion'); finalizers.add('orphan'); }
      }
      meta.finalizers = [...finalizers];
      if (!meta.finalizers.length) delete meta.finalizers;
      const now = this.clock.now();
      let grace = this.strategy.gracePeriod?.(current, options.gracePeriodSeconds ?? undefined) ?? 0;
      if (meta.deletionTimestamp) {
        // Already terminating: only a shorter grace period moves the deadline (BeforeDelete).
        const prev = meta.deletionGracePeriodSeconds ?? 0;
        if (options.gracePeriodSeconds !== undefined && grace < prev) {
          meta.deletionGracePeriodSeconds = grace;
          meta.deletionTimestamp = rfc3339(now.getTime() + grace * 1000);
        } else grace = prev;
      } else if (grace > 0 || finalizers.size > 0) {
        meta.deletionTimestamp = rfc3339(now.getTime() + grace * 1000);
        meta.deletionGracePeriodSeconds = grace;
      }
      const held = this.strategy.holdsDeletion?.(next) ?? false;
      if (held && !meta.deletionTimestamp) {
        meta.deletionTimestamp = rfc3339(now);
        meta.deletionGracePeriodSeconds = 0;
      }
      if (held || meta.deletionTimestamp) this.strategy.prepareForDelete?.(next);
      const mustWait = (meta.finalizers?.length ?? 0) > 0 || grace > 0 || held;
      if (opts.dryRun) return { object: mustWait ? next : current, deleted: !mustWait };
      if (!mustWait) {
        const res = await this.store.delete(key, kv.modRevision);
        if (res.succeeded) return { object: { ...current, metadata: { ...current.metadata, resourceVersion: String(res.revision) } }, deleted: true };
        continue;
      }
      const res = await this.store.update(key, encode(next), kv.modRevision);
      if (res.succeeded) return { object: decode(res.kv), deleted: false };
    }
  }
}

type StoredMeta = NonNullable<KObject['metadata']>;

/** The stored metadata an update keeps, copied before tryUpdate may change the object. */
function keptMeta(m: StoredMeta): Pick<StoredMeta, 'uid' | 'creationTimestamp' | 'name' | 'namespace' | 'deletionTimestamp' | 'deletionGracePeriodSeconds' | 'resourceVersion'> {
  return {
    uid: m.uid, creationTimestamp: m.creationTimestamp, name: m.name, namespace: m.namespace,
    deletionTimestamp: m.deletionTimestamp, deletionGracePeriodSeconds: m.deletionGracePeriodSeconds, resourceVersion: m.resourceVersion,
  };
}

/** An object with a deletionTimestamp, no finalizers and no grace left is removed by the write that makes it so. */
function shouldDeleteNow(obj: KObject, strategy: Strategy): boolean {
  const m = obj.metadata!;
  return !!m.deletionTimestamp && !(m.finalizers?.length) && !m.deletionGracePeriodSeconds && !strategy.holdsDeletion?.(obj);
}

function checkPreconditions(gr: GroupResource, name: string, obj: KObject, options: DeleteOptions) {
  const p = options.preconditions;
  if (p?.uid && p.uid !== obj.metadata?.uid) {
    throw conflict(gr, name, `Precondition failed: UID in precondition: ${p.uid}, UID in object meta: ${obj.metadata?.uid}`);
  }
  if (p?.resourceVersion && p.resourceVersion !== obj.metadata?.resourceVersion) {
    throw conflict(gr, name, `Precondition failed: ResourceVersion in precondition: ${p.resourceVersion}, ResourceVersion in object meta: ${obj.metadata?.resourceVersion}`);
  }
}

/** Store errors in API words; everything else passes through. */
export function mapStoreError(e: unknown): unknown {
  if (e instanceof CompactedError) return gone(`too old resource version: ${e.requested} (${e.compacted})`);
  return e;
}

export { invalid };
