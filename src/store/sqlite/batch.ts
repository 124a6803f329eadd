/**
 * Group commit: writes share one transaction, as etcd's backend batches its commits
 * (https://github.com/etcd-io/etcd/blob/v3.5.17/server/mvcc/backend/batch_tx.go).
 *
 * - The first write when no transaction is open runs BEGIN IMMEDIATE and schedules the COMMIT
 *   with `setImmediate`; every write issued before that (in the same turn of the event loop,
 *   including the microtasks it triggers) joins. A lone write pays one event-loop hop.
 * - A write is acknowledged only after its batch commits: its promise resolves then, and the
 *   batch's watch events are published then, in revision order. If the commit (or a statement
 *   of any write) fails, the whole batch is rolled back, the revision counter goes back to the
 *   last committed one, and every write of the batch rejects.
 * - Answers that do not write (reads, failed compares) see the open batch's writes (same
 *   connection), so they are held until that batch commits: a caller is never told a value
 *   that is not committed (durable across a crash of this process; with synchronous=NORMAL an
 *   OS crash or power loss can still lose the last commits, see schema.ts). If the batch fails they are computed again on the rolled-back state.
 */
import type { WatchEvent } from '../types.ts';
import type { SqliteState } from './state.ts';

export interface Batch {
  /** Events of the batch's writes, in revision order, published after COMMIT. */
  events: WatchEvent[];
  /** Settles when the batch commits (resolves) or is rolled back (rejects). */
  done: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** The open batch, opening one (BEGIN IMMEDIATE, COMMIT scheduled) if there is none. */
export function joinBatch(s: SqliteState): Batch {
  if (s.batch) return s.batch;
  s.st.begin.run();
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const done = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  done.catch(() => undefined); // a batch's failure is reported through its writers, never as unhandled
  const b: Batch = { events: [], done, resolve, reject };
  s.batch = b;
  setImmediate(() => { if (s.batch === b) commitBatch(s); });
  return b;
}

/** Commits the open batch now (if any), then publishes its events and acknowledges its writes. */
export function commitBatch(s: SqliteState): void {
  const b = s.batch;
  if (!b) return;
  try {
    s.st.commit.run();
  } catch (err) {
    failBatch(s, err);
    return;
  }
  s.batch = undefined;
  s.committed = s.revision;
  for (const ev of b.events) s.hub.publish(ev);
  b.resolve();
  // Only paces the checkpointer: whatever goes wrong there must not touch a committed batch.
  try { if (s.checkpointer) s.checkpointer.committed(pagesWritten(b.events, s.checkpointer.pageSize)); } catch { /* SQLite's own checkpoint still runs in the commit */ }
}

/** Rolls the open batch back: none of its writes happened. */
export function failBatch(s: SqliteState, err: unknown): void {
  const b = s.batch;
  if (!b) return;
  s.batch = undefined;
  // Rows read or written in the batch may be gone with it.
  s.recent.clear();
  try {
    if (s.db.isTransaction) s.st.rollback.run();
  } finally {
    s.revision = s.committed;
    b.reject(err);
  }
}

/**
 * What a store operation decided: a value (with the batch it wrote into, if it wrote) or an
 * error answer such as KeyExistsError. Only a failing SQLite statement throws.
 */
export type Outcome<T> = { value: T; wrote?: Batch } | { error: unknown };

/** Turns a read that may throw (FutureRevisionError, CompactedError) into an Outcome. */
export function answer<T>(fn: () => T): Outcome<T> {
  try { return { value: fn() }; } catch (error) { return { error }; }
}

/**
 * Runs `op` and settles with its outcome once the batch it wrote into, or whose writes it may
 * have seen, has committed. If the batch it wrote into fails, it rejects with that failure; if
 * a batch it only saw fails, `op` runs again against the rolled-back state.
 */
export async function acknowledge<T>(s: SqliteState, op: () => Outcome<T>): Promise<T> {
  for (;;) {
    const seen = s.batch;
    const out = op();
    const wrote = 'wrote' in out ? out.wrote : undefined;
    const b = wrote ?? seen;
    if (b) {
      try { await b.done; } catch (err) { if (wrote) throw err; continue; }
    }
    if ('error' in out) throw out.error;
    return out.value;
  }
}

/**
 * About how many WAL pages a batch wrote: each write adds a log row with the value (values over
 * a page spill to overflow pages) and changes a small kv row. An estimate is enough: it only
 * paces the checkpointer.
 */
function pagesWritten(events: WatchEvent[], pageSize: number): number {
  let bytes = 0;
  for (const ev of events) bytes += ev.kv.value.length;
  // A write also rewrites a few b-tree pages (the log's last leaf, a kv leaf, an index leaf on create).
  return Math.ceil(bytes / pageSize) + events.length;
}
