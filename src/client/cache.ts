/**
 * The informer's store: objects keyed `namespace/name` (or `name` when cluster-scoped),
 * with secondary indexes, after client-go's ThreadSafeStore and Indexers
 * (k8s.io/client-go/tools/cache/thread_safe_store.go). Objects are kept frozen; see freeze.ts.
 */
import type { DeepReadonly } from './freeze.ts';
import type { ObjectLike } from './types.ts';

/** Index values for one object; an object may sit under several (or none). */
export type IndexFunc<T> = (obj: DeepReadonly<T>) => string[];
export type Indexers<T> = Record<string, IndexFunc<T>>;

/** client-go's MetaNamespaceKeyFunc. */
export function keyOf(obj: { metadata?: { namespace?: string; name?: string } }): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : `${m.name}`;
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export const NAMESPACE_INDEX = 'namespace';
export const namespaceIndex: IndexFunc<ObjectLike> = (o) => (o.metadata?.namespace ? [o.metadata.namespace] : []);

/**
 * Index by the uid of the controller owner (the ownerReference with controller: true; the
 * API allows one). An object with no controller (an orphan) sits under `orphanIndexKey(its
 * namespace)` instead, so a controller reads its own objects and the orphans it may adopt
 * with two lookups, never the namespace's objects owned by others: Kubernetes'
 * PodControllerUIDIndex and FilterPodsByOwner (pkg/controller/controller_utils.go), with
 * the orphan key per namespace rather than filtered afterwards.
 */
export const CONTROLLER_UID_INDEX = 'controllerUID';
/** The reserved index value of a namespace's orphans (Kubernetes' OrphanPodIndexKey, per namespace; not a uid). */
export const orphanIndexKey = (namespace: string) => `_ORPHAN_POD/${namespace}`;
export const controllerUidIndex: IndexFunc<ObjectLike> = (o) => {
  const refs = o.metadata?.ownerReferences as readonly { controller?: boolean; uid?: string }[] | undefined;
  if (refs) {
    for (const r of refs) if (r.controller) return r.uid ? [r.uid] : [];
  }
  return [orphanIndexKey(o.metadata?.namespace ?? '')];
};
/** Index pods by `spec.nodeName` (unscheduled pods under ''). */
export const NODE_NAME_INDEX = 'nodeName';
export const nodeNameIndex: IndexFunc<{ spec?: { nodeName?: string } }> = (o) => [o.spec?.nodeName ?? ''];

export class Cache<T extends ObjectLike> {
  readonly #items = new Map<string, DeepReadonly<T>>();
  readonly #indexers = new Map<string, IndexFunc<T>>();
  /** index name → value → keys */
  readonly #indices = new Map<string, Map<string, Set<string>>>();

  constructor(indexers: Indexers<T> = {}) {
    this.addIndexers({ [NAMESPACE_INDEX]: namespaceIndex as IndexFunc<T>, ...indexers });
  }

  /** Adds indexers, building them over what is already stored. A name already in use throws. */
  addIndexers(indexers: Indexers<T>): void {
    for (const [name, fn] of Object.entries(indexers)) {
      if (this.#indexers.has(name)) {
        if (this.#indexers.get(name) === fn) continue;
        throw new Error(`indexer "${name}" already exists`);
      }
      this.#indexers.set(name, fn);
      this.#indices.set(name, new Map());
      for (const [key, obj] of this.#items) this.#move(name, key, fn(obj), +1);
    }
  }

  #move(name: string, key: string, values: string[], dir: 1 | -1): void {
    const idx = this.#indices.get(name)!;
    for (const v of values.length > 1 ? new Set(values) : values) {
      let keys = idx.get(v);
      if (dir > 0) {
        if (!keys) idx.set(v, (keys = new Set()));
        keys.add(key);
      } else if (keys) {
        keys.delete(key);
        if (!keys.size) idx.delete(v);
      }
    }
  }

  #reindex(key: string, old: DeepReadonly<T> | undefined, next: DeepReadonly<T> | undefined): void {
    for (const [name, fn] of this.#indexers) {
      const was = old ? fn(old) : [], is = next ? fn(next) : [];
      // The usual update keeps its one index value (a pod's namespace, its controller): nothing
      // to move, as client-go's updateSingleIndex skips it (a namespace's set of 150 000 keys is
      // not touched twice per event).
      if (was.length === 1 && is.length === 1 && was[0] === is[0]) continue;
      this.#move(name, key, was, -1);
      this.#move(name, key, is, +1);
    }
  }

  /** Stores `obj`, answering what it replaced. */
  put(obj: DeepReadonly<T>): DeepReadonly<T> | undefined {
    const key = keyOf(obj as ObjectLike);
    const old = this.#items.get(key);
    this.#items.set(key, obj);
    this.#reindex(key, old, obj);
    return old;
  }

  delete(key: string): DeepReadonly<T> | undefined {
    const old = this.#items.get(key);
    if (!old) return undefined;
    this.#items.delete(key);
    this.#reindex(key, old, undefined);
    return old;
  }

  get(key: string): DeepReadonly<T> | undefined { return this.#items.get(key); }
  has(key: string): boolean { return this.#items.has(key); }
  keys(): string[] { return [...this.#items.keys()]; }
  list(): DeepReadonly<T>[] { return [...this.#items.values()]; }
  get size(): number { return this.#items.size; }

  byIndex(name: string, value: string): DeepReadonly<T>[] {
    const idx = this.#indices.get(name);
    if (!idx) throw new Error(`index "${name}" does not exist`);
    const keys = idx.get(value);
    if (!keys) return [];
    const out: DeepReadonly<T>[] = [];
    for (const k of keys) out.push(this.#items.get(k)!);
    return out;
  }

  indexKeys(name: string, value: string): string[] {
    const idx = this.#indices.get(name);
    if (!idx) throw new Error(`index "${name}" does not exist`);
    return [...(idx.get(value) ?? [])];
  }
}
