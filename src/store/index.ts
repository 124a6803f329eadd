/**
 * Opens a store from the `--datastore` spec:
 * - `sqlite:<path>` or a plain path → the embedded SQLite backend (the default);
 * - `memory:` → the in-memory backend (tests);
 * - `etcd://h1:2379,…` → the etcd v3 backend (not built yet).
 */
import type { Store } from './types.ts';
import { openSqliteStore } from './sqlite/index.ts';
import type { SqliteStoreOptions } from './sqlite/index.ts';
import { openMemoryStore } from './memory/index.ts';

export * from './types.ts';
export { WatchOverflowError } from './watch/overflow.ts';
export { openSqliteStore } from './sqlite/index.ts';
export type { SqliteStoreOptions } from './sqlite/index.ts';
export { openMemoryStore } from './memory/index.ts';
export type { AutoCompactOptions } from './auto-compactor.ts';

export async function openStore(spec: string, opts: SqliteStoreOptions = {}): Promise<Store> {
  if (spec === 'memory:' || spec.startsWith('memory:')) return openMemoryStore({ watchBufferLimit: opts.watchBufferLimit });
  if (spec.startsWith('etcd://') || spec.startsWith('etcds://')) {
    throw new Error(`the etcd backend is not built yet (datastore ${JSON.stringify(spec)}); use sqlite:<path> or a plain path`);
  }
  const path = spec.startsWith('sqlite:') ? spec.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '') : spec;
  if (!path) throw new Error(`datastore ${JSON.stringify(spec)}: missing the SQLite file path`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) throw new Error(`datastore ${JSON.stringify(spec)}: unknown scheme`);
  return openSqliteStore(path, opts);
}
