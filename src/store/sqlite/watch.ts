/**
 * watch: replay the committed log after `fromRevision`, then live events. Replay is read and the
 * watcher registered in the same synchronous step, and a batch publishes its events
 * synchronously right after its COMMIT, so no event is missed or repeated at the seam: rows of
 * the open batch (visible on this connection, not yet committed) are left to that publish.
 */
import { CompactedError } from '../types.ts';
import type { Watcher } from '../types.ts';
import { rowToEvent } from '../log-row.ts';
import type { LogRow } from '../log-row.ts';
import { prefixEnd } from '../prefix.ts';
import type { SqliteState } from './state.ts';

export function watch(s: SqliteState, prefix: string, fromRevision: number): Watcher {
  if (fromRevision < s.compacted) throw new CompactedError(fromRevision, s.compacted);
  const history = fromRevision < s.committed
    ? (s.st.logSince.all({ from: fromRevision, to: s.committed, lo: prefix, hi: prefixEnd(prefix) }) as unknown as LogRow[]).map(rowToEvent)
    : [];
  return s.hub.subscribe(prefix, fromRevision, history);
}
