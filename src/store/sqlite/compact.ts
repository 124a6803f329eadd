/**
 * Compaction: drop log rows at or below the target that no read at the target or later can
 * need: tombstones, and rows superseded by a newer row of the same key that is also at or
 * below the target. The latest row of each live key stays, so the state at the target is
 * still whole (a list at exactly the compacted revision works, as in etcd).
 *
 * Each row names the row it superseded (`prev_revision`), so compaction walks the log once,
 * in id order: the rows up to the target drop their predecessors. `swept` in `meta` records
 * how far it got, so an interrupted compaction (a close, a crash) resumes there.
 *
 * Work goes in small transactions (`batch` rows of the log each) with a macrotask yield in
 * between, so a writer never waits behind more than one batch — the reason kine compacts in
 * batches too (https://github.com/k3s-io/kine/blob/caf3270/pkg/logstructured/sqllog/sql.go).
 */
import { FutureRevisionError } from '../types.ts';
import { inTransaction, metaValue } from './state.ts';
import { commitBatch } from './batch.ts';
import type { SqliteState } from './state.ts';

export interface CompactOptions {
  batch?: number;
  /** Checked between batches: stop early (the store is closing). The next compaction resumes. */
  stopped?: () => boolean;
}

const yieldToWriters = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function compact(s: SqliteState, target: number, opts: CompactOptions = {}): Promise<void> {
  // Commit the open batch first, so the check and the saved counter below see only committed
  // revisions (each transaction below commits any batch opened meanwhile, see inTransaction).
  commitBatch(s);
  if (target > s.revision) throw new FutureRevisionError(target, s.revision);
  if (target > s.compacted) {
    // Publish the new floor first: reads and watches below it fail from now on, so removing the
    // rows they would have needed is safe. The revision counter is saved too, because the
    // newest row may be a tombstone this compaction removes.
    inTransaction(s, () => {
      s.st.metaSet.run(target, 'compacted');
      s.st.metaSet.run(s.revision, 'revision');
    });
    s.compacted = target;
  }
  const batch = opts.batch ?? 500;
  let lo = metaValue(s, 'swept');
  while (lo < s.compacted && !opts.stopped?.()) {
    const next = s.st.logNextIds.get(lo, s.compacted, batch) as { hi: number | null; n: number };
    const hi = next.n && next.hi !== null ? next.hi : s.compacted;
    inTransaction(s, () => {
      s.st.logCompactBatch.run({ lo, hi });
      s.st.metaSet.run(hi, 'swept');
    });
    lo = hi;
    await yieldToWriters();
  }
}
