/**
 * create, update (compare-and-swap on mod revision) and delete. Each write is one transaction
 * that appends a log row and updates the current-value table; its events go to watchers right
 * after COMMIT, synchronously, so watchers see writes in commit order.
 */
import { KeyExistsError } from '../types.ts';
import type { DeleteResult, KeyValue, UpdateResult } from '../types.ts';
import { rowToEvent } from '../log-row.ts';
import type { LogRow } from '../log-row.ts';
import { inTransaction, toKeyValue } from './state.ts';
import type { KvRow, SqliteState } from './state.ts';

function current(s: SqliteState, key: string): KvRow | undefined {
  return s.st.kvGet.get(key) as KvRow | undefined;
}

/** Appends `row` (its id is assigned here) and applies `apply` to `kv`, then publishes. */
function commit(s: SqliteState, row: Omit<LogRow, 'id'>, apply: (rev: number) => void): LogRow {
  const rev = s.revision + 1;
  const full: LogRow = { id: rev, ...row };
  inTransaction(s, () => {
    s.st.logInsert.run(rev, row.name, row.created, row.deleted, row.create_revision, row.prev_revision, row.value, row.old_value);
    apply(rev);
  });
  s.revision = rev;
  s.hub.publish(rowToEvent(full));
  return full;
}

export function create(s: SqliteState, key: string, value: string): KeyValue {
  if (current(s, key)) throw new KeyExistsError(key);
  const row = commit(s, { name: key, created: 1, deleted: 0, create_revision: s.revision + 1, prev_revision: 0, value, old_value: null },
    (rev) => { s.st.kvInsert.run(key, value, rev, rev); });
  return { key, value, createRevision: row.id, modRevision: row.id };
}

export function update(s: SqliteState, key: string, value: string, expected: number): UpdateResult {
  const cur = current(s, key);
  if (!cur || cur.mod_revision !== expected) return { succeeded: false, current: cur && toKeyValue(cur) };
  const row = commit(s, { name: key, created: 0, deleted: 0, create_revision: cur.create_revision, prev_revision: cur.mod_revision, value, old_value: cur.value },
    (rev) => { s.st.kvUpdate.run(value, rev, key); });
  return { succeeded: true, kv: { key, value, createRevision: cur.create_revision, modRevision: row.id } };
}

export function remove(s: SqliteState, key: string, expected?: number): DeleteResult {
  const cur = current(s, key);
  if (!cur || (expected !== undefined && cur.mod_revision !== expected)) return { succeeded: false, current: cur && toKeyValue(cur) };
  const row = commit(s, { name: key, created: 0, deleted: 1, create_revision: cur.create_revision, prev_revision: cur.mod_revision, value: cur.value, old_value: null },
    () => { s.st.kvDelete.run(key); });
  return { succeeded: true, prev: toKeyValue(cur), revision: row.id };
}
