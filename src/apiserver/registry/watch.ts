/**
 * WATCH: store events turned into API watch events, filtered by namespace and selectors.
 * An object that stops matching a selector is reported as DELETED and one that starts
 * matching as ADDED, as the watch cache does (k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go).
 */
import { gone } from '../../api/errors.ts';
import type { KObject } from '../../api/meta.ts';
import { CompactedError, type KeyValue, type WatchEvent as StoreEvent } from '../../store/types.ts';
import { decode } from './codec.ts';
import { listPrefix } from './keys.ts';
import { listObjects, type ObjectFilter } from './list.ts';
import type { Registry } from './registry.ts';

export interface WatchEvent { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: KObject }

export interface WatchParams {
  namespace?: string;
  filter?: ObjectFilter;
  /** '' or '0': send the current state as ADDED first. Otherwise: changes after it. */
  resourceVersion?: string;
}

export interface ObjectWatch extends AsyncIterable<WatchEvent> {
  close(): void;
  /** The newest revision this watch has delivered or skipped (for bookmarks). */
  readonly lastRevision: number;
}

export async function watchObjects(reg: Registry, p: WatchParams): Promise<ObjectWatch> {
  const match = p.filter;
  const initial: WatchEvent[] = [];
  let from: number;
  if (!p.resourceVersion || p.resourceVersion === '0') {
    const list = await listObjects(reg, { namespace: p.namespace, filter: p.filter });
    for (const o of list.items) initial.push({ type: 'ADDED', object: o });
    from = Number(list.resourceVersion);
  } else {
    from = Number(p.resourceVersion);
  }
  let storeWatch;
  try {
    storeWatch = reg.store.watch(listPrefix(reg.info, p.namespace), from);
  } catch (e) {
    if (e instanceof CompactedError) throw gone(`too old resource version: ${e.requested} (${e.compacted})`);
    throw e;
  }
  let lastRevision = from;
  const sw = storeWatch;
  async function* events(): AsyncGenerator<WatchEvent> {
    yield* initial;
    for await (const ev of sw) {
      lastRevision = ev.revision;
      const out = translate(ev, match);
      if (out) yield out;
    }
  }
  const it = events();
  return {
    close: () => sw.close(),
    get lastRevision() { return lastRevision; },
    [Symbol.asyncIterator]: () => it,
  };
}

/**
 * Objects decoded once per store event for filters to read, shared by every watcher of the
 * event (the hub hands them all the same KeyValue): a hundred node agents each watching pods
 * of their own node then parse a pod once, not two hundred times. Filters only read; each
 * delivered event still carries an object decoded for that watcher alone. Only the newest
 * events are kept (watchers consume an event at about the same time), so a lagging watcher
 * costs a parse, never memory.
 */
const FILTER_CACHE_SIZE = 512;
const forFilters = new Map<KeyValue, KObject>();

function decodedForFilter(kv: KeyValue): KObject {
  let obj = forFilters.get(kv);
  if (obj) return obj;
  obj = decode(kv);
  forFilters.set(kv, obj);
  if (forFilters.size > FILTER_CACHE_SIZE) forFilters.delete(forFilters.keys().next().value!);
  return obj;
}

function translate(ev: StoreEvent, match: ObjectFilter | undefined): WatchEvent | undefined {
  if (!match) {
    const type = ev.type === 'MODIFIED' && !ev.prev ? 'ADDED' : ev.type;
    return { type, object: decode(ev.kv) };
  }
  const now = match(decodedForFilter(ev.kv));
  if (ev.type === 'DELETED') return now ? { type: 'DELETED', object: decode(ev.kv) } : undefined;
  if (ev.type === 'ADDED') return now ? { type: 'ADDED', object: decode(ev.kv) } : undefined;
  const before = ev.prev ? match(decodedForFilter(ev.prev)) : false;
  if (now && before) return { type: 'MODIFIED', object: decode(ev.kv) };
  if (now) return { type: 'ADDED', object: decode(ev.kv) };
  if (before) return { type: 'DELETED', object: decode(ev.kv) };
  return undefined;
}
