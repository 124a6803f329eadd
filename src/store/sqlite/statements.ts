/** Every SQL statement the store runs, prepared once per connection. */
import type { DatabaseSync, StatementSync } from 'node:sqlite';

export interface Statements {
  kvGet: StatementSync;
  kvInsert: StatementSync;
  kvUpdate: StatementSync;
  kvDelete: StatementSync;
  kvRange: StatementSync;
  kvCount: StatementSync;
  kvNames: StatementSync;
  logInsert: StatementSync;
  logGet: StatementSync;
  logChangedSince: StatementSync;
  logSince: StatementSync;
  logMaxId: StatementSync;
  logNextIds: StatementSync;
  logCompactBatch: StatementSync;
  metaGet: StatementSync;
  metaSet: StatementSync;
  begin: StatementSync;
  commit: StatementSync;
  rollback: StatementSync;
}

/** Rows as [name, value, create_revision, mod_revision] arrays: a 10 000-row LIST builds ~20% faster. */
function arrays(st: StatementSync): StatementSync {
  st.setReturnArrays(true);
  return st;
}

// Ranges are [lo, hi) with ONE lower bound: given both `name >= prefix` and `name > after`,
// SQLite seeks on only one of them and scans from the prefix start (a 500-key page at the
// middle of 10 000 keys measured 10 ms instead of 1 ms). read.ts folds `after` into `lo`.
const IN_RANGE = 'kv.name >= :lo AND kv.name < :hi';
const KV_RANGE = `FROM kv WHERE ${IN_RANGE}`;
// A key's current value is its newest log row (schema.ts): kv first, in name order, then each
// row's value by the log's id (CROSS JOIN keeps that order; the id is the log's rowid).
const KV_ROW = `SELECT kv.name AS name, log.value AS value, kv.create_revision AS create_revision, kv.mod_revision AS mod_revision
  FROM kv CROSS JOIN log ON log.id = kv.mod_revision`;

export function prepareStatements(db: DatabaseSync): Statements {
  const p = (sql: string) => db.prepare(sql);
  return {
    kvGet: p(`${KV_ROW} WHERE kv.name = ?`),
    kvInsert: p('INSERT INTO kv (name, create_revision, mod_revision) VALUES (?, ?, ?)'),
    kvUpdate: p('UPDATE kv SET mod_revision = ? WHERE name = ?'),
    kvDelete: p('DELETE FROM kv WHERE name = ?'),
    kvRange: arrays(p(`${KV_ROW} WHERE ${IN_RANGE} ORDER BY kv.name LIMIT :limit`)),
    kvCount: p(`SELECT count(*) AS n ${KV_RANGE}`),
    // Names only: the unique index answers without reading a row.
    kvNames: arrays(p(`SELECT name ${KV_RANGE} ORDER BY name LIMIT :limit`)),
    logInsert: p(`INSERT INTO log (id, name, created, deleted, create_revision, prev_revision, value)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    logGet: arrays(p('SELECT name, value, create_revision, id FROM log WHERE id = ?')),
    // The writes of a key range after a revision, oldest first (a walk of the log's ids).
    logChangedSince: arrays(p('SELECT name, prev_revision, deleted FROM log WHERE id > :rev AND name >= :lo AND name < :hi ORDER BY id')),
    // An update's old value is the row it replaced (compaction keeps it while anyone can read it).
    logSince: p(`SELECT l.id AS id, l.name AS name, l.created AS created, l.deleted AS deleted,
        l.create_revision AS create_revision, l.prev_revision AS prev_revision, l.value AS value, p.value AS old_value
      FROM log AS l LEFT JOIN log AS p ON p.id = l.prev_revision AND l.created = 0 AND l.deleted = 0
      WHERE l.id > :from AND l.id <= :to AND l.name >= :lo AND l.name < :hi ORDER BY l.id`),
    logMaxId: p('SELECT coalesce(max(id), 0) AS id FROM log'),
    logNextIds: p('SELECT max(id) AS hi, count(*) AS n FROM (SELECT id FROM log WHERE id > ? AND id <= ? ORDER BY id LIMIT ?)'),
    // Compaction of the rows (lo, hi], all at or below the target: each makes the row it replaced
    // garbage (no read at the target or later needs it), and a tombstone is garbage itself.
    logCompactBatch: p(`DELETE FROM log WHERE id IN (
      SELECT prev_revision FROM log WHERE id > :lo AND id <= :hi AND prev_revision > 0
      UNION ALL SELECT id FROM log WHERE id > :lo AND id <= :hi AND deleted = 1)`),
    metaGet: p('SELECT value FROM meta WHERE name = ?'),
    metaSet: p('UPDATE meta SET value = ? WHERE name = ?'),
    begin: p('BEGIN IMMEDIATE'),
    commit: p('COMMIT'),
    rollback: p('ROLLBACK'),
  };
}
