/**
 * One row of the revision log, shared by both backends. The shape follows kine's `log` table
 * (https://github.com/k3s-io/kine/blob/caf3270/pkg/drivers/generic/generic.go): the row id is
 * the revision, and each row carries enough to rebuild the watch event without a second read.
 */
import type { KeyValue, WatchEvent } from './types.ts';

export interface LogRow {
  /** The revision of this write. */
  id: number;
  name: string;
  /** 1 when this write created the key. */
  created: number;
  /** 1 when this write deleted the key (a tombstone; `value` holds the last value). */
  deleted: number;
  create_revision: number;
  /** The key's previous mod revision (0 for a create). */
  prev_revision: number;
  value: string;
  /** The value before an update (null for creates and deletes: a delete's `value` is it). */
  old_value: string | null;
}

export function rowToEvent(row: LogRow): WatchEvent {
  const kv: KeyValue = { key: row.name, value: row.value, createRevision: row.create_revision, modRevision: row.id };
  if (row.created) return { type: 'ADDED', kv, revision: row.id };
  const prev: KeyValue = {
    key: row.name,
    value: row.deleted ? row.value : (row.old_value ?? ''),
    createRevision: row.create_revision,
    modRevision: row.prev_revision,
  };
  return { type: row.deleted ? 'DELETED' : 'MODIFIED', kv, prev, revision: row.id };
}
