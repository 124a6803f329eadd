/** The in-memory backend, for unit tests of the parts above the store. */
import { MemoryStore } from './store.ts';
import type { MemoryStoreOptions } from './store.ts';
import type { Store } from '../types.ts';

export { MemoryStore } from './store.ts';
export type { MemoryStoreOptions } from './store.ts';

export async function openMemoryStore(opts?: MemoryStoreOptions): Promise<Store> {
  return new MemoryStore(opts);
}
