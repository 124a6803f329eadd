/**
 * A shared informer: list, then watch from the list's resourceVersion, keeping a cache
 * and telling handlers what changed. Follows client-go's Reflector and
 * sharedIndexInformer (k8s.io/client-go/tools/cache/reflector.go, shared_informer.go):
 *
 * 1. List (paged, 500 a page) and replace the cache. Objects that vanished while we were
 *    not watching are reported to `onDelete` with `unknownFinalState` (client-go's
 *    DeletedFinalStateUnknown tombstone).
 * 2. Watch from the last resourceVersion seen, with bookmarks. A watch that ends normally
 *    (timeoutSeconds, server restart) is re-opened from that resourceVersion.
 * 3. 410 Gone — an ERROR event with code 410, or a 410 thrown — means the revision was
 *    compacted: back to 1. Other failures wait (800 ms doubling to 30 s) and re-watch.
 *
 * ATTENTION: cached objects are deep-frozen and shared by every handler and lister.
 * Handlers should only turn events into work-queue keys.
 */
import type { Status } from 'kubernetes-types/meta/v1.d.ts';
import { isGone, StatusError } from '../api/errors.ts';
import { Cache, keyOf, type Indexers } from './cache.ts';
import { realClock, type Clock } from './clock.ts';
import { deepFreeze, type DeepReadonly } from './freeze.ts';
import { newLister, type Lister } from './lister.ts';
import type { ObjectLike, ResourceClient } from './types.ts';

export interface EventHandler<T> {
  /** `initialList`: part of the first sync (or replayed to a handler added late). */
  onAdd?(obj: DeepReadonly<T>, initialList: boolean): void;
  /** Also called with old === new on periodic resync, and for every object after a relist. */
  onUpdate?(oldObj: DeepReadonly<T>, newObj: DeepReadonly<T>): void;
  /** `unknownFinalState`: the delete was missed and found on relist; `obj` is the last state we had. */
  onDelete?(obj: DeepReadonly<T>, info: { unknownFinalState: boolean }): void;
}

export interface InformerOptions<T extends ObjectLike> {
  /** Namespaced already when the informer is for one namespace. */
  client: ResourceClient<T>;
  labelSelector?: string;
  fieldSelector?: string;
  indexers?: Indexers<T>;
  /** Replays every cached object to `onUpdate` this often (0/absent: never). */
  resyncMs?: number;
  clock?: Clock;
  pageSize?: number;
  /** Asks the server to end each watch after this long (client-go: 5–10 min). */
  watchTimeoutSeconds?: number;
  log?: (msg: string) => void;
  name?: string;
}

const MIN_BACKOFF = 800;
const MAX_BACKOFF = 30_000;

export class SharedInformer<T extends ObjectLike> {
  readonly cache: Cache<T>;
  readonly lister: Lister<T>;
  readonly #o: InformerOptions<T>;
  readonly #clock: Clock;
  readonly #handlers = new Set<EventHandler<T>>();
  #synced = false;
  #syncWaiters: (() => void)[] = [];
  #rv = '';
  #running = false;

  constructor(opts: InformerOptions<T>) {
    this.#o = opts;
    this.#clock = opts.clock ?? realClock;
    this.cache = new Cache<T>(opts.indexers);
    this.lister = newLister(this.cache);
  }

  /** Registers handlers; objects already cached are replayed to `onAdd`. Returns an unregister function. */
  addEventHandler(h: EventHandler<T>): () => void {
    this.#handlers.add(h);
    for (const o of this.cache.list()) this.#call(h, 'onAdd', () => h.onAdd?.(o, true));
    return () => { this.#handlers.delete(h); };
  }

  addIndexers(indexers: Indexers<T>): void { this.cache.addIndexers(indexers); }
  hasSynced(): boolean { return this.#synced; }
  /** The resourceVersion of the last list, event or bookmark seen. */
  lastResourceVersion(): string { return this.#rv; }

  /** Resolves true once the first list is in the cache, false if `signal` aborts first. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.#synced) return Promise.resolve(true);
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (v: boolean) => { signal?.removeEventListener('abort', onAbort); resolve(v); };
      const onAbort = () => { this.#syncWaiters = this.#syncWaiters.filter((w) => w !== ok); done(false); };
      const ok = () => done(true);
      this.#syncWaiters.push(ok);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Runs until `signal` aborts. One run per informer. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#running) throw new Error(`informer ${this.#name()} is already running`);
    this.#running = true;
    const stopResync = this.#startResync();
    let needList = true;
    let backoff = 0;
    try {
      while (!signal.aborted) {
        try {
          if (needList) { await this.#list(); needList = false; }
          needList = (await this.#watch(signal)) === 'expired';
          backoff = 0;
        } catch (e) {
          if (signal.aborted) break;
          if (isGone(e)) { needList = true; continue; }
          backoff = Math.min(Math.max(MIN_BACKOFF, backoff * 2), MAX_BACKOFF);
          this.#o.log?.(`informer ${this.#name()}: ${(e as Error).message}; retrying in ${backoff}ms`);
          await this.#clock.sleep(backoff, signal).catch(() => {});
        }
      }
    } finally {
      stopResync();
      this.#running = false;
    }
  }

  #name(): string { return this.#o.name ?? 'informer'; }

  async #list(): Promise<void> {
    const { labelSelector, fieldSelector } = this.#o;
    const items: T[] = [];
    let cont: string | undefined;
    let rv = '';
    let kind = '';
    let apiVersion = '';
    let limit: number | undefined = this.#o.pageSize ?? 500;
    do {
      let l;
      try {
        l = await this.#o.client.list({ labelSelector, fieldSelector, limit, continue: cont });
      } catch (e) {
        // An expired continue token: list again in one piece (client-go's pager falls back the same way).
        if (!cont || !isGone(e)) throw e;
        items.length = 0; cont = undefined; limit = undefined;
        continue;
      }
      items.push(...l.items);
      cont = l.metadata.continue || undefined;
      rv = l.metadata.resourceVersion ?? '';
      kind = l.kind.replace(/List$/, '');
      apiVersion = l.apiVersion;
    } while (cont);
    this.#replace(items.map((o) => ({ kind, apiVersion, ...o })), rv);
  }

  #replace(items: T[], rv: string): void {
    const initial = !this.#synced;
    const seen = new Set<string>();
    for (const raw of items) {
      const obj = cached(raw);
      seen.add(keyOf(raw));
      const old = this.cache.put(obj);
      if (old) this.#emitUpdate(old, obj); else this.#emitAdd(obj, initial);
    }
    for (const key of this.cache.keys()) {
      if (seen.has(key)) continue;
      const old = this.cache.delete(key)!;
      this.#emitDelete(old, true);
    }
    this.#rv = rv;
    if (initial) {
      this.#synced = true;
      for (const w of this.#syncWaiters.splice(0)) w();
    }
  }

  async #watch(signal: AbortSignal): Promise<'expired' | 'ended'> {
    const { labelSelector, fieldSelector } = this.#o;
    const w = await this.#o.client.watch({
      labelSelector, fieldSelector, resourceVersion: this.#rv, allowWatchBookmarks: true,
      timeoutSeconds: this.#o.watchTimeoutSeconds ?? 300, omitManagedFields: true,
    });
    const onAbort = () => w.close();
    // The signal may have aborted while the watch was being opened.
    if (signal.aborted) { w.close(); return 'ended'; }
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const ev of w) {
        if (ev.type === 'ERROR') {
          const st = ev.object as unknown as Status;
          if (st.code === 410) return 'expired';
          throw new StatusError(st);
        }
        const obj = ev.object as T;
        const rv = obj.metadata?.resourceVersion;
        if (ev.type === 'BOOKMARK') { if (rv) this.#rv = rv; continue; }
        const frozen = cached(obj);
        if (ev.type === 'DELETED') {
          const old = this.cache.delete(keyOf(obj));
          if (old) this.#emitDelete(frozen, false);
        } else {
          const old = this.cache.put(frozen);
          if (old) this.#emitUpdate(old, frozen); else this.#emitAdd(frozen, false);
        }
        if (rv) this.#rv = rv;
      }
      return 'ended';
    } finally {
      signal.removeEventListener('abort', onAbort);
      w.close();
    }
  }

  #startResync(): () => void {
    const period = this.#o.resyncMs;
    if (!period) return () => {};
    let cancel = () => {};
    const tick = () => {
      if (this.#synced) for (const o of this.cache.list()) this.#emitUpdate(o, o);
      cancel = this.#clock.after(period, tick);
    };
    cancel = this.#clock.after(period, tick);
    return () => cancel();
  }

  #emitAdd(o: DeepReadonly<T>, initial: boolean) { for (const h of this.#handlers) this.#call(h, 'onAdd', () => h.onAdd?.(o, initial)); }
  #emitUpdate(a: DeepReadonly<T>, b: DeepReadonly<T>) { for (const h of this.#handlers) this.#call(h, 'onUpdate', () => h.onUpdate?.(a, b)); }
  #emitDelete(o: DeepReadonly<T>, unknownFinalState: boolean) {
    for (const h of this.#handlers) this.#call(h, 'onDelete', () => h.onDelete?.(o, { unknownFinalState }));
  }

  /** A handler that throws must not stop the informer or the other handlers. */
  #call(_h: EventHandler<T>, what: string, fn: () => void): void {
    try { fn(); } catch (e) { this.#o.log?.(`informer ${this.#name()}: ${what} handler failed: ${(e as Error)?.stack ?? e}`); }
  }
}

/**
 * The object as the cache keeps it: frozen, and without `metadata.managedFields`, which no
 * controller reads and which is two thirds of a pod's objects in memory (kube-scheduler and
 * kube-controller-manager strip it from their informers the same way, with
 * cache.TransformStripManagedFields). Only the top level and metadata are copied; the rest is
 * shared, already frozen when it came from an in-process watch.
 */
function cached<T extends ObjectLike>(raw: T): DeepReadonly<T> {
  const meta = raw.metadata;
  if (!meta?.managedFields) return deepFreeze(raw);
  const { managedFields: _, ...rest } = meta;
  return deepFreeze({ ...raw, metadata: rest });
}
