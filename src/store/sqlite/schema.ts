/**
 * The SQLite file: connection settings and tables.
 *
 * - `log` is the append-only revision log in kine's shape (id = revision). It serves watch
 *   replay and reads at older revisions, until compaction drops superseded rows. It has no
 *   index but its id: each row names the revision it replaced (`prev_revision`), which is
 *   enough to find a key's value before a write, to replay an update with its old value and
 *   to compact. An index by name costs a random page write per write, and the old value a
 *   second copy of every updated object: without both the server writes 39 % fewer bytes per
 *   pod (bench/scale.ts, 1 000 nodes: 142 → 86 KB of WAL and checkpoint).
 * - `kv` names the live keys and the log row holding each one's current value (`mod_revision`,
 *   which compaction never removes), so get/list/count at the current revision are one range
 *   read of its unique index on `name`, and a value is read from the log by its id. It holds
 *   no value itself: a copy there made every write store the object twice, and an update
 *   rewrote a 16 KiB page of `kv` holding three or four pods, where now a page holds hundreds
 *   of rows and the updates of one batch, in about the order their keys were created (rowid
 *   order), mostly share one. (A rowid table for that reason: keyed by name, a batch's updates
 *   would land on as many pages as it has writes.)
 * - `meta` remembers the revision counter, the compacted revision and how far compaction has
 *   swept the log; the counter matters because compaction may remove the newest row (a
 *   tombstone) and a revision must never be handed out twice.
 */
import { DatabaseSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SqliteSettings {
  /** How long a statement waits for a lock held by another connection (ms). */
  busyTimeoutMs?: number;
}

export const PAGE_SIZE = 16384;
/** WAL written between checkpoints (SQLite's default: 1 000 pages of 4 KiB). */
export const CHECKPOINT_BYTES = 4 * 1024 * 1024;

/** The database's page size (PAGE_SIZE, or what an older file was made with). */
export function pageSizeOf(db: DatabaseSync): number {
  return Number((db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size) || 4096;
}

export function openDatabase(path: string, settings: SqliteSettings = {}): DatabaseSync {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA busy_timeout = ${Math.trunc(settings.busyTimeoutMs ?? 5000)}`);
  // 16 KiB pages (SQLite's default is 4 KiB) hold several ~3 KB objects each instead of
  // spilling every one to an overflow page: measured with bench/store.ts, writes in flight +50 %
  // and a 20 000-key LIST twice as fast. Only a new file takes it (an existing one keeps its size).
  db.exec(`PRAGMA page_size = ${PAGE_SIZE}`);
  db.exec('PRAGMA journal_mode = WAL');
  // SQLite checkpoints every 1 000 pages by default, 4 MB of its default pages: the same in bytes.
  db.exec(`PRAGMA wal_autocheckpoint = ${Math.ceil(CHECKPOINT_BYTES / pageSizeOf(db))}`);
  // WAL + synchronous=NORMAL: a commit appends to the WAL with write(2) but fsyncs only at
  // checkpoints. The written pages live in the kernel's page cache, so an acknowledged write
  // survives the death of this process (kill -9, crash: see crash.test.ts); only an OS crash
  // or power loss can lose the last few commits. That is the trade kine and k3s make too.
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = OFF');
  db.exec('PRAGMA temp_store = MEMORY');
  db.exec('PRAGMA cache_size = -65536'); // 64 MiB page cache: a full LIST stays in memory.
  createSchema(db);
  return db;
}

function createSchema(db: DatabaseSync): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS log (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      created INTEGER NOT NULL,
      deleted INTEGER NOT NULL,
      create_revision INTEGER NOT NULL,
      prev_revision INTEGER NOT NULL,
      value TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS kv (
      name TEXT NOT NULL UNIQUE,
      create_revision INTEGER NOT NULL,
      mod_revision INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS meta (
      name TEXT PRIMARY KEY,
      value INTEGER NOT NULL
    ) WITHOUT ROWID;
    -- An empty store is at revision 1 and the first write takes 2, as in etcd, so no object
    -- ever carries resourceVersion "0" (which Kubernetes reads as "any version").
    INSERT OR IGNORE INTO meta (name, value) VALUES ('revision', 1), ('compacted', 0), ('swept', 0);
  `);
  upgrade(db);
}

const columnsOf = (db: DatabaseSync, table: string): string[] =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

/**
 * Files of earlier versions. One whose log had a name index and old values loses both
 * (dropping the column rewrites the log once); its compaction had already removed every
 * superseded row below `compacted`, and sweeping those rows again from 0 removes nothing more.
 * One whose `kv` held a copy of each value loses the copy; the log has each current row (no
 * compaction removes one), and one it lacked would be put back from the copy first.
 */
function upgrade(db: DatabaseSync): void {
  db.exec('DROP INDEX IF EXISTS log_name_id');
  if (columnsOf(db, 'log').includes('old_value')) db.exec('ALTER TABLE log DROP COLUMN old_value');
  if (!columnsOf(db, 'kv').includes('value')) return;
  db.exec(`BEGIN IMMEDIATE;
    INSERT OR IGNORE INTO log (id, name, created, deleted, create_revision, prev_revision, value)
      SELECT mod_revision, name, mod_revision = create_revision, 0, create_revision, 0, value FROM kv;
    ALTER TABLE kv DROP COLUMN value;
    COMMIT;`);
}
