/**
 * The store: a revisioned key-value store with watch, in the spirit of etcd v3 and kine.
 *
 * - Every successful write (create, update, delete) takes the next global revision; that
 *   integer is the object's `resourceVersion`.
 * - Keys are `/registry/<resource>/<namespace>/<name>` (or without namespace); prefixes end in '/'.
 * - Values are opaque strings (JSON objects serialized by the API server). The store never
 *   parses them.
 * - A failed compare is data, not an exception (`{ succeeded: false, current }`); the closed
 *   set of errors below is mapped to Kubernetes `Status` only in the API server's generic registry.
 *
 * Only `src/apiserver/` may import this module.
 */

export interface KeyValue {
  key: string;
  value: string;
  /** Revision of the write that created this key (in its current life). */
  createRevision: number;
  /** Revision of the last write to this key. */
  modRevision: number;
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: EventType;
  /** For DELETED: the last value, with `modRevision` = the delete's revision. */
  kv: KeyValue;
  /** The value before this write (absent for ADDED). */
  prev?: KeyValue;
  /** The revision of this event (= kv.modRevision). */
  revision: number;
}

export interface ListOptions {
  /**
   * Read at this revision (0 or absent = the current one). A revision that has been compacted
   * throws `CompactedError`; one in the future throws `FutureRevisionError`.
   */
  revision?: number;
  /** At most this many items; `more` tells whether there were others. */
  limit?: number;
  /** Start after this key (exclusive), for pagination. */
  after?: string;
}

export interface ListResult {
  items: KeyValue[];
  /** The revision the list reflects. */
  revision: number;
  /** True when `limit` cut the list short. */
  more: boolean;
  /** How many items were left off (when `more`). */
  remaining?: number;
}

export type UpdateResult =
  | { succeeded: true; kv: KeyValue }
  | { succeeded: false; current?: KeyValue };

export type DeleteResult =
  | { succeeded: true; prev: KeyValue; revision: number }
  | { succeeded: false; current?: KeyValue };

export interface Watcher {
  /** Ends the watch; the async iterator finishes. */
  close(): void;
  [Symbol.asyncIterator](): AsyncIterator<WatchEvent>;
}

export interface Store {
  get(key: string): Promise<KeyValue | undefined>;
  /** Keys under `prefix` (which ends in '/', or is '' for everything), sorted by key. */
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  /** How many live keys there are under `prefix`. */
  count(prefix: string): Promise<number>;
  /** Fails with `KeyExistsError` if the key exists. */
  create(key: string, value: string): Promise<KeyValue>;
  /** Compare-and-swap on `modRevision`. */
  update(key: string, value: string, expectedModRevision: number): Promise<UpdateResult>;
  /** Deletes when `expectedModRevision` is absent or matches. */
  delete(key: string, expectedModRevision?: number): Promise<DeleteResult>;
  /**
   * Events for keys under `prefix` strictly after `fromRevision`, in revision order, then live
   * ones. `fromRevision` below the compacted revision throws `CompactedError` synchronously.
   */
  watch(prefix: string, fromRevision: number): Watcher;
  /** Drops history up to and including `revision` (never the latest value of a live key). */
  compact(revision: number): Promise<void>;
  currentRevision(): Promise<number>;
  compactedRevision(): Promise<number>;
  close(): Promise<void>;
}

export class KeyExistsError extends Error {
  readonly key: string;
  constructor(key: string) { super(`key exists: ${key}`); this.key = key; this.name = 'KeyExistsError'; }
}
export class CompactedError extends Error {
  readonly compacted: number; readonly requested: number;
  constructor(requested: number, compacted: number) {
    super(`required revision ${requested} has been compacted (compacted revision ${compacted})`);
    this.requested = requested; this.compacted = compacted; this.name = 'CompactedError';
  }
}
export class FutureRevisionError extends Error {
  readonly requested: number; readonly current: number;
  constructor(requested: number, current: number) {
    super(`required revision ${requested} is a future revision (current ${current})`);
    this.requested = requested; this.current = current; this.name = 'FutureRevisionError';
  }
}
