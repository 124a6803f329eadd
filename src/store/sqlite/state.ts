/** What every SQLite store operation shares: the connection, its statements and the counters. */
import type { DatabaseSync } from 'node:sqlite';
import type { KeyValue } from '../types.ts';
import type { Hub } from '../watch/hub.ts';
import type { Statements } from './statements.ts';

export interface SqliteState {
  db: DatabaseSync;
  st: Statements;
  hub: Hub;
  /** The last revision handed out (this process is the only writer, so memory is the truth). */
  revision: number;
  compacted: number;
}

export interface KvRow { name: string; value: string; create_revision: number; mod_revision: number }

export function toKeyValue(row: KvRow): KeyValue {
  return { key: row.name, value: row.value, createRevision: row.create_revision, modRevision: row.mod_revision };
}

/** Runs `fn` in one write transaction (BEGIN IMMEDIATE … COMMIT), rolling back on error. */
export function inTransaction<T>(s: SqliteState, fn: () => T): T {
  s.st.begin.run();
  try {
    const out = fn();
    s.st.commit.run();
    return out;
  } catch (err) {
    if (s.db.isTransaction) s.st.rollback.run();
    throw err;
  }
}

export function metaValue(s: Pick<SqliteState, 'st'>, name: string): number {
  const row = s.st.metaGet.get(name) as { value: number } | undefined;
  return row?.value ?? 0;
}
