/**
 * Listers: read-only queries over an informer's cache, as client-go's generated listers
 * (`lister.Pods(ns).List(selector)`). Results are the cached, frozen objects themselves:
 * copy before changing (see freeze.ts).
 */
import { matches, parseLabelSelector, type Selector } from '../api/selectors/labels.ts';
import { NAMESPACE_INDEX, type Cache } from './cache.ts';
import type { DeepReadonly } from './freeze.ts';
import type { ObjectLike } from './types.ts';

export interface NamespaceLister<T> {
  get(name: string): DeepReadonly<T> | undefined;
  /** A label selector string (`app=web,tier!=db`) or a parsed one; none lists all. */
  list(selector?: string | Selector): DeepReadonly<T>[];
}

export interface Lister<T> extends NamespaceLister<T> {
  /** For cluster-scoped kinds `get(name)`; for namespaced ones `get('ns/name')` or `namespace(ns).get(name)`. */
  namespace(ns: string): NamespaceLister<T>;
  byIndex(index: string, value: string): DeepReadonly<T>[];
}

const toSelector = (s?: string | Selector) => (typeof s === 'string' ? parseLabelSelector(s) : s);

function filter<T extends ObjectLike>(items: DeepReadonly<T>[], s?: string | Selector): DeepReadonly<T>[] {
  const sel = toSelector(s);
  if (!sel) return items;
  return items.filter((o) => matches(sel, (o as ObjectLike).metadata?.labels as Record<string, string> | undefined));
}

export function newLister<T extends ObjectLike>(cache: Cache<T>): Lister<T> {
  return {
    get: (key) => cache.get(key),
    list: (s) => filter(cache.list(), s),
    byIndex: (index, value) => cache.byIndex(index, value),
    namespace: (ns) => ({
      get: (name) => cache.get(`${ns}/${name}`),
      list: (s) => filter(cache.byIndex(NAMESPACE_INDEX, ns), s),
    }),
  };
}
