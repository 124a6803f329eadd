/**
 * WATCH: store events turned into API watch events, filtered by namespace and selectors.
 * An object that stops matching a selector is reported as DELETED and one that starts
 * matching as ADDED, as the watch cache does (k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go).
 */
import { gone } from '../../api/errors.ts';
import type { KObject } from '../../api/meta.ts';
import { CompactedError, type KeyValue, type WatchEvent as StoreEvent } from '../../store/types.ts';
import { sharedObject } from './codec.ts';
import { listPrefix } from './keys.ts';
import { listObjects, type ObjectFilter } from './list.ts';
import type { Registry } from './registry.ts';

/**
 * Change events carry `object` frozen and shared with other watchers (see sharedObject) and
 * `kv`, the stored value it was decoded from, for encoders that can send the stored JSON text
 * as it is (codec.ts encodedWithVersion) instead of serializing `object` again. The initial
 * ADDED events of a watch from resourceVersion ''/'0' come from a LIST: private objects, no `kv`.
 */
export interface WatchEvent { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: KObject; kv?: KeyValue }

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

function translate(ev: StoreEvent, match: ObjectFilter | undefined): WatchEvent | undefined {
  const kv = ev.kv;
  if (!match) {
    const type = ev.type === 'MODIFIED' && !ev.prev ? 'ADDED' : ev.type;
    // Decoded only if a watcher reads it (the JSON encoders send the stored text instead), then kept.
    let obj: KObject | undefined;
    return { type, kv, get object() { return (obj ??= sharedObject(kv)); } };
  }
  const obj = sharedObject(kv);
  const now = match(obj);
  if (ev.type === 'DELETED') return now ? { type: 'DELETED', object: obj, kv } : undefined;
  if (ev.type === 'ADDED') return now ? { type: 'ADDED', object: obj, kv } : undefined;
  const before = ev.prev ? match(sharedObject(ev.prev)) : false;
  if (now && before) return { type: 'MODIFIED', object: obj, kv };
  if (now) return { type: 'ADDED', object: obj, kv };
  if (before) return { type: 'DELETED', object: obj, kv };
  return undefined;
}
