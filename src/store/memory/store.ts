/**
 * An in-memory Store with the same semantics as the SQLite one (revision log, compaction,
 * watch replay), for fast unit tests of the API server. Nothing survives close().
 */
import { CompactedError, FutureRevisionError, KeyExistsError } from '../types.ts';
import type { DeleteResult, KeyValue, ListOptions, ListResult, Store, UpdateResult, Watcher } from '../types.ts';
import { rowToEvent } from '../log-row.ts';
import type { LogRow } from '../log-row.ts';
import { Hub } from '../watch/hub.ts';

export interface MemoryStoreOptions { watchBufferLimit?: number }

export class MemoryStore implements Store {
  #log: LogRow[] = [];
  #kv = new Map<string, KeyValue>();
  // Like etcd (and the SQLite backend), an empty store is at revision 1.
  #revision = 1;
  #compacted = 0;
  #hub: Hub;
  #closed = false;

  constructor(opts: MemoryStoreOptions = {}) { this.#hub = new Hub(opts.watchBufferLimit ?? 10_000); }

  async get(key: string): Promise<KeyValue | undefined> { this.#open(); return this.#kv.get(key); }

  async count(prefix: string): Promise<number> {
    this.#open();
    let n = 0;
    for (const key of this.#kv.keys()) if (key.startsWith(prefix)) n++;
    return n;
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.#open();
    const rev = this.#checkRevision(opts.revision ?? 0);
    const after = opts.after ?? '';
    const all = (rev === this.#revision ? [...this.#kv.values()] : this.#stateAt(rev))
      .filter((kv) => kv.key.startsWith(prefix) && kv.key > after)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
    if (!limit || all.length <= limit) return { items: all, revision: rev, more: false };
    return { items: all.slice(0, limit), revision: rev, more: true, remaining: all.length - limit };
  }

  async create(key: string, value: string): Promise<KeyValue> {
    this.#open();
    if (this.#kv.has(key)) throw new KeyExistsError(key);
    const rev = this.#revision + 1;
    const kv = { key, value, createRevision: rev, modRevision: rev };
    this.#kv.set(key, kv);
    this.#append({ id: rev, name: key, created: 1, deleted: 0, create_revision: rev, prev_revision: 0, value, old_value: null });
    return kv;
  }

  async update(key: string, value: string, expected: number): Promise<UpdateResult> {
    this.#open();
    const cur = this.#kv.get(key);
    if (!cur || cur.modRevision !== expected) return { succeeded: false, current: cur };
    const rev = this.#revision + 1;
    const kv = { key, value, createRevision: cur.createRevision, modRevision: rev };
    this.#kv.set(key, kv);
    this.#append({ id: rev, name: key, created: 0, deleted: 0, create_revision: cur.createRevision, prev_revision: cur.modRevision, value, old_value: cur.value });
    return { succeeded: true, kv };
  }

  async delete(key: string, expected?: number): Promise<DeleteResult> {
    this.#open();
    const cur = this.#kv.get(key);
    if (!cur || (expected !== undefined && cur.modRevision !== expected)) return { succeeded: false, current: cur };
    const rev = this.#revision + 1;
    this.#kv.delete(key);
    this.#append({ id: rev, name: key, created: 0, deleted: 1, create_revision: cur.createRevision, prev_revision: cur.modRevision, value: cur.value, old_value: null });
    return { succeeded: true, prev: cur, revision: rev };
  }

  watch(prefix: string, fromRevision: number): Watcher {
    this.#open();
    if (fromRevision < this.#compacted) throw new CompactedError(fromRevision, this.#compacted);
    const history = this.#log.filter((r) => r.id > fromRevision && r.name.startsWith(prefix)).map(rowToEvent);
    return this.#hub.subscribe(prefix, fromRevision, history);
  }

  /** Same rule as the SQLite backend: drop tombstones and superseded rows at or below `revision`. */
  async compact(revision: number): Promise<void> {
    this.#open();
    if (revision > this.#revision) throw new FutureRevisionError(revision, this.#revision);
    if (revision <= this.#compacted) return;
    this.#compacted = revision;
    const latest = new Map<string, number>();
    for (const r of this.#log) if (r.id <= revision) latest.set(r.name, r.id);
    this.#log = this.#log.filter((r) => r.id > revision || (!r.deleted && latest.get(r.name) === r.id));
  }

  async currentRevision(): Promise<number> { this.#open(); return this.#revision; }
  async compactedRevision(): Promise<number> { this.#open(); return this.#compacted; }

  async close(): Promise<void> {
    this.#closed = true;
    this.#hub.closeAll();
  }

  #append(row: LogRow): void {
    this.#revision = row.id;
    this.#log.push(row);
    this.#hub.publish(rowToEvent(row));
  }

  #checkRevision(requested: number): number {
    if (!requested) return this.#revision;
    if (requested > this.#revision) throw new FutureRevisionError(requested, this.#revision);
    if (requested < this.#compacted) throw new CompactedError(requested, this.#compacted);
    return requested;
  }

  /** The live keys at `rev`, rebuilt from the log. */
  #stateAt(rev: number): KeyValue[] {
    const latest = new Map<string, LogRow>();
    for (const r of this.#log) { if (r.id > rev) break; latest.set(r.name, r); }
    return [...latest.values()].filter((r) => !r.deleted)
      .map((r) => ({ key: r.name, value: r.value, createRevision: r.create_revision, modRevision: r.id }));
  }

  #open(): void {
    if (this.#closed) throw new Error('store is closed');
  }
}
