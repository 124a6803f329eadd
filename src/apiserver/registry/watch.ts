/**
 * WATCH: store events turned into API watch events, filtered by namespace and selectors.
 * An object that stops matching a selector is reported as DELETED and one that starts
 * matching as ADDED, as the watch cache does (k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go).
 */
import { gone } from '../../api/errors.ts';
import type { KObject } from '../../api/meta.ts';
import { CompactedError, type WatchEvent as StoreEvent } from '../../store/types.ts';
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
  const match = p.filter ?? (() => true);
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

function translate(ev: StoreEvent, match: ObjectFilter): WatchEvent | undefined {
  const obj = decode(ev.kv);
  if (ev.type === 'DELETED') return match(obj) ? { type: 'DELETED', object: obj } : undefined;
  const now = match(obj);
  const before = ev.prev ? match(decode(ev.prev)) : false;
  if (ev.type === 'ADDED') return now ? { type: 'ADDED', object: obj } : undefined;
  if (now && before) return { type: 'MODIFIED', object: obj };
  if (now) return { type: 'ADDED', object: obj };
  if (before) return { type: 'DELETED', object: obj };
  return undefined;
}
