/**
 * watch: replay the log after `fromRevision`, then live events. Replay is read and the watcher
 * registered in the same synchronous step, and writes publish synchronously after COMMIT, so
 * no event is missed or repeated at the seam.
 */
import { CompactedError } from '../types.ts';
import type { Watcher } from '../types.ts';
import { rowToEvent } from '../log-row.ts';
import type { LogRow } from '../log-row.ts';
import { prefixEnd } from '../prefix.ts';
import type { SqliteState } from './state.ts';

export function watch(s: SqliteState, prefix: string, fromRevision: number): Watcher {
  if (fromRevision < s.compacted) throw new CompactedError(fromRevision, s.compacted);
  const history = fromRevision < s.revision
    ? (s.st.logSince.all({ from: fromRevision, lo: prefix, hi: prefixEnd(prefix) }) as unknown as LogRow[]).map(rowToEvent)
    : [];
  return s.hub.subscribe(prefix, fromRevision, history);
}
