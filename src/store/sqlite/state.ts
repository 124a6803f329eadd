/** What every SQLite store operation shares: the connection, its statements and the counters. */
import type { DatabaseSync } from 'node:sqlite';
import type { KeyValue } from '../types.ts';
import type { Hub } from '../watch/hub.ts';
import type { Statements } from './statements.ts';
import { commitBatch } from './batch.ts';
import type { Batch } from './batch.ts';
import type { Checkpointer } from './checkpointer.ts';
import type { RecentRows } from './recent.ts';

export interface SqliteState {
  db: DatabaseSync;
  st: Statements;
  hub: Hub;
  /** The last revision handed out (this process is the only writer, so memory is the truth). */
  revision: number;
  /** The last revision committed: `revision` less the open batch's writes. */
  committed: number;
  compacted: number;
  /** The open write transaction shared by the writes of this event-loop turn (batch.ts). */
  batch: Batch | undefined;
  /** The current rows of the keys touched last (recent.ts). */
  recent: RecentRows;
  /** Checkpoints the WAL on another thread (absent for an in-memory database). */
  checkpointer?: Checkpointer;
}

export interface KvRow { name: string; value: string; create_revision: number; mod_revision: number }

export function toKeyValue(row: KvRow): KeyValue {
  return { key: row.name, value: row.value, createRevision: row.create_revision, modRevision: row.mod_revision };
}

/**
 * Runs `fn` in a write transaction of its own (BEGIN IMMEDIATE … COMMIT), rolling back on
 * error. An open batch of writes is committed first: SQLite has no nested transactions, and
 * `fn` (compaction) must not share the fate of writes it knows nothing about.
 */
export function inTransaction<T>(s: SqliteState, fn: () => T): T {
  commitBatch(s);
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
