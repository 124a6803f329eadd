/** The SQLite-backed Store: wires the per-verb modules to one connection. */
import type { DeleteResult, KeyValue, ListOptions, ListResult, Store, UpdateResult, Watcher } from '../types.ts';
import { Hub } from '../watch/hub.ts';
import { AutoCompactor } from '../auto-compactor.ts';
import type { AutoCompactOptions } from '../auto-compactor.ts';
import { openDatabase } from './schema.ts';
import { Checkpointer } from './checkpointer.ts';
import type { SqliteSettings } from './schema.ts';
import { prepareStatements } from './statements.ts';
import { metaValue } from './state.ts';
import { RecentRows } from './recent.ts';
import type { SqliteState } from './state.ts';
import * as read from './read.ts';
import * as write from './write.ts';
import { watch } from './watch.ts';
import { compact } from './compact.ts';
import { acknowledge, answer, commitBatch } from './batch.ts';

export interface SqliteStoreOptions extends SqliteSettings {
  /** Periodic compaction (kine's defaults: every 5 min, keep 1000 revisions); false = off. */
  autoCompact?: AutoCompactOptions | false;
  /** Queued events after which a lagging watcher is ended (WatchOverflowError). */
  watchBufferLimit?: number;
  /** Log rows examined per compaction transaction. */
  compactBatch?: number;
  /** Current rows kept in memory for the keys touched last (recent.ts); default 10 000. */
  recentRows?: number;
  /** Checkpoint the WAL on a worker thread once writes are busy (default); false: always in the commits, as SQLite does by itself. */
  checkpointThread?: boolean;
}

export class SqliteStore implements Store {
  readonly compactor: AutoCompactor | undefined;
  #s: SqliteState;
  #closed = false;
  #compacting: Promise<void> = Promise.resolve();
  #batch: number;

  constructor(path: string, opts: SqliteStoreOptions = {}) {
    const db = openDatabase(path, opts);
    const st = prepareStatements(db);
    const partial = { st };
    const maxId = (st.logMaxId.get() as { id: number }).id;
    const revision = Math.max(maxId, metaValue(partial, 'revision'));
    this.#s = {
      db, st, hub: new Hub(opts.watchBufferLimit ?? 10_000),
      revision, committed: revision, batch: undefined, recent: new RecentRows(opts.recentRows ?? 10_000),
      compacted: metaValue(partial, 'compacted'),
      checkpointer: path === ':memory:' || opts.checkpointThread === false ? undefined : new Checkpointer(db, path),
    };
    this.#batch = opts.compactBatch ?? 500;
    if (opts.autoCompact !== false) {
      this.compactor = new AutoCompactor(this, opts.autoCompact ?? {});
      this.compactor.start();
    }
  }

  // Every answer waits for the open batch of writes (batch.ts): reads see its rows on this
  // connection, and nothing is answered before it is durable.
  async get(key: string): Promise<KeyValue | undefined> { this.#open(); return this.#read(() => read.get(this.#s, key)); }
  async list(prefix: string, opts?: ListOptions): Promise<ListResult> { this.#open(); return this.#read(() => read.list(this.#s, prefix, opts)); }
  async count(prefix: string): Promise<number> { this.#open(); return this.#read(() => read.count(this.#s, prefix)); }
  async create(key: string, value: string): Promise<KeyValue> { this.#open(); return acknowledge(this.#s, () => write.create(this.#s, key, value)); }
  async update(key: string, value: string, expected: number): Promise<UpdateResult> {
    this.#open(); return acknowledge(this.#s, () => write.update(this.#s, key, value, expected));
  }
  async delete(key: string, expected?: number): Promise<DeleteResult> {
    this.#open(); return acknowledge(this.#s, () => write.remove(this.#s, key, expected));
  }
  watch(prefix: string, fromRevision: number): Watcher { this.#open(); return watch(this.#s, prefix, fromRevision); }
  /** The last committed revision: no need to wait for the open batch. */
  async currentRevision(): Promise<number> { this.#open(); return this.#s.committed; }
  async compactedRevision(): Promise<number> { this.#open(); return this.#s.compacted; }

  compact(revision: number): Promise<void> {
    this.#open();
    // One compaction at a time; each waits for the one before it.
    const run = this.#compacting.then(() => compact(this.#s, revision, { batch: this.#batch, stopped: () => this.#closed }));
    this.#compacting = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    // Mark closed first so a running compaction stops at its next batch boundary.
    this.#closed = true;
    // Writes already issued are acknowledged (and their events delivered) before the end.
    commitBatch(this.#s);
    this.#s.hub.closeAll();
    await this.compactor?.stop();
    await this.#compacting;
    await this.#s.checkpointer?.close();
    this.#s.db.close();
  }

  #read<T>(fn: () => T): Promise<T> { return acknowledge(this.#s, () => answer(fn)); }

  #open(): void {
    if (this.#closed) throw new Error('store is closed');
  }
}
