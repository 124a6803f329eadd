/**
 * The store conformance suite: every backend runs the same tests, so the in-memory one used by
 * other parts' unit tests cannot drift from the real ones. Call from a backend's *.test.ts:
 *
 *   runStoreConformance('sqlite', () => openSqliteStore(tmpFile()), { reopen });
 */
import { describe } from 'node:test';
import type { Store } from '../types.ts';
import type { Harness } from './harness.ts';
import { crudTests } from './crud.ts';
import { listTests } from './list.ts';
import { compactionTests } from './compaction.ts';
import { watchTests } from './watch.ts';
import { persistenceTests } from './persistence.ts';

export type { Harness } from './harness.ts';

export interface ConformanceOptions {
  /** For persistent backends: close `store` and open its data again. */
  reopen?: (store: Store) => Promise<Store>;
}

export function runStoreConformance(name: string, open: () => Promise<Store>, opts: ConformanceOptions = {}): void {
  const h: Harness = { open, reopen: opts.reopen };
  describe(`store conformance: ${name}`, () => {
    describe('crud', () => crudTests(h));
    describe('list', () => listTests(h));
    describe('compaction', () => compactionTests(h));
    describe('watch', () => watchTests(h));
    describe('persistence', () => persistenceTests(h));
  });
}
