/** The SQLite backend: one file under the data dir, opened by exactly one process. */
import { SqliteStore } from './store.ts';
import type { SqliteStoreOptions } from './store.ts';
import type { Store } from '../types.ts';

export type { SqliteStoreOptions } from './store.ts';
export { SqliteStore } from './store.ts';

export async function openSqliteStore(path: string, opts?: SqliteStoreOptions): Promise<Store> {
  return new SqliteStore(path, opts);
}
