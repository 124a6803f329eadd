/**
 * create, update (compare-and-swap on mod revision) and delete. Each write appends a log row
 * and points the key's `kv` row at it inside the open batch (batch.ts), which commits them
 * together; the caller wraps the returned Outcome in `acknowledge`, so it hears back only after
 * that COMMIT, and watchers get the events then, in revision order. An update's old value goes
 * to its event, not to the log (the row it replaced holds it, see schema.ts).
 */
import { KeyExistsError } from '../types.ts';
import type { DeleteResult, KeyValue, UpdateResult } from '../types.ts';
import { rowToEvent } from '../log-row.ts';
import type { LogRow } from '../log-row.ts';
import { get as current } from './read.ts';
import type { SqliteState } from './state.ts';
import { failBatch, joinBatch } from './batch.ts';
import type { Batch, Outcome } from './batch.ts';

/** Appends `row` (its id is assigned here) and applies `apply` to `kv`, in the open batch. */
function append(s: SqliteState, row: Omit<LogRow, 'id'>, apply: (rev: number) => void): { id: number; batch: Batch } {
  const batch = joinBatch(s);
  const rev = s.revision + 1;
  try {
    s.st.logInsert.run(rev, row.name, row.created, row.deleted, row.create_revision, row.prev_revision, row.value);
    apply(rev);
  } catch (err) {
    // Half a write may be in the transaction: the batch goes, and every write in it fails.
    failBatch(s, err);
    throw err;
  }
  s.revision = rev;
  batch.events.push(rowToEvent({ id: rev, ...row }));
  return { id: rev, batch };
}

export function create(s: SqliteState, key: string, value: string): Outcome<KeyValue> {
  if (current(s, key)) return { error: new KeyExistsError(key) };
  const { id, batch } = append(s, { name: key, created: 1, deleted: 0, create_revision: s.revision + 1, prev_revision: 0, value, old_value: null },
    (rev) => { s.st.kvInsert.run(key, rev, rev); });
  const kv = { key, value, createRevision: id, modRevision: id };
  s.recent.set(key, kv);
  return { value: kv, wrote: batch };
}

export function update(s: SqliteState, key: string, value: string, expected: number): Outcome<UpdateResult> {
  const cur = current(s, key);
  if (!cur || cur.modRevision !== expected) return { value: { succeeded: false, current: cur } };
  const { id, batch } = append(s, { name: key, created: 0, deleted: 0, create_revision: cur.createRevision, prev_revision: cur.modRevision, value, old_value: cur.value },
    (rev) => { s.st.kvUpdate.run(rev, key); });
  const kv = { key, value, createRevision: cur.createRevision, modRevision: id };
  s.recent.set(key, kv);
  return { value: { succeeded: true, kv }, wrote: batch };
}

export function remove(s: SqliteState, key: string, expected?: number): Outcome<DeleteResult> {
  const cur = current(s, key);
  if (!cur || (expected !== undefined && cur.modRevision !== expected)) return { value: { succeeded: false, current: cur } };
  const { id, batch } = append(s, { name: key, created: 0, deleted: 1, create_revision: cur.createRevision, prev_revision: cur.modRevision, value: cur.value, old_value: null },
    () => { s.st.kvDelete.run(key); });
  s.recent.delete(key);
  return { value: { succeeded: true, prev: cur, revision: id }, wrote: batch };
}
