/**
 * get, list and count. At the current revision they read the `kv` table (one range scan of its
 * index on name); at an older revision, list rebuilds the state from the log, which holds every
 * row the compactor has not yet dropped.
 */
import { CompactedError, FutureRevisionError } from '../types.ts';
import type { KeyValue, ListOptions, ListResult } from '../types.ts';
import { prefixEnd } from '../prefix.ts';
import { toKeyValue } from './state.ts';
import type { KvRow, SqliteState } from './state.ts';

type KvArray = [name: string, value: string, createRevision: number, modRevision: number];

export function get(s: SqliteState, key: string): KeyValue | undefined {
  const row = s.st.kvGet.get(key) as KvRow | undefined;
  return row && toKeyValue(row);
}

export function count(s: SqliteState, prefix: string): number {
  return (s.st.kvCount.get({ lo: prefix, hi: prefixEnd(prefix) }) as { n: number }).n;
}

/** Checks a requested read revision against what the store can answer (0 = current). */
export function checkRevision(s: SqliteState, requested: number): number {
  if (!requested) return s.revision;
  if (requested > s.revision) throw new FutureRevisionError(requested, s.revision);
  if (requested < s.compacted) throw new CompactedError(requested, s.compacted);
  return requested;
}

/**
 * The inclusive lower bound of a page: the prefix, or the smallest key after `after`
 * (`after + '\0'`: SQLite compares TEXT bytewise, length breaking ties).
 */
function lowerBound(prefix: string, after: string | undefined): string {
  return after && after >= prefix ? after + '\0' : prefix;
}

export function list(s: SqliteState, prefix: string, opts: ListOptions = {}): ListResult {
  const rev = checkRevision(s, opts.revision ?? 0);
  const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
  const range = { lo: lowerBound(prefix, opts.after), hi: prefixEnd(prefix) };
  const atCurrent = rev === s.revision;
  // One extra row tells whether the page was cut short; SQLite reads LIMIT -1 as "no limit".
  const lim = limit ? limit + 1 : -1;
  const rows = (atCurrent ? s.st.kvRange.all({ ...range, limit: lim }) : s.st.logRangeAt.all({ ...range, rev, limit: lim })) as unknown as KvArray[];
  const more = limit > 0 && rows.length > limit;
  if (more) rows.length = limit;
  const items = rows.map((r): KeyValue => ({ key: r[0], value: r[1], createRevision: r[2], modRevision: r[3] }));
  if (!more) return { items, revision: rev, more: false };
  const rest = { lo: items[items.length - 1].key + '\0', hi: range.hi };
  const left = atCurrent ? s.st.kvCount.get(rest) : s.st.logCountAt.get({ ...rest, rev });
  return { items, revision: rev, more: true, remaining: (left as { n: number }).n };
}
