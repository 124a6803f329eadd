/**
 * get, list and count. At the current revision they read the `kv` table (one range scan of its
 * index on name). At an older revision (the later pages of a paged list), list takes the keys
 * not written since from `kv` and, for those written since, the row their first later write
 * replaced: the log keeps it until compaction passes that revision (compact.ts). The work grows
 * with the writes since that revision (a 500-key page with 60 000 writes since: ≈ 70 ms).
 */
import { CompactedError, FutureRevisionError } from '../types.ts';
import type { KeyValue, ListOptions, ListResult } from '../types.ts';
import { prefixEnd } from '../prefix.ts';
import { toKeyValue } from './state.ts';
import type { KvRow, SqliteState } from './state.ts';

type KvArray = [name: string, value: string, createRevision: number, modRevision: number];

/** The current row of a key: from the recent rows, else from `kv` (and then kept there). */
export function get(s: SqliteState, key: string): KeyValue | undefined {
  const hit = s.recent.get(key);
  if (hit) return hit;
  const row = s.st.kvGet.get(key) as KvRow | undefined;
  if (!row) return undefined;
  const kv = toKeyValue(row);
  s.recent.set(key, kv);
  return kv;
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
  // One extra row tells whether the page was cut short; SQLite reads LIMIT -1 as "no limit".
  const lim = limit ? limit + 1 : -1;
  const old = rev === s.revision ? undefined : changesSince(s, range, rev);
  const rows = old ? pageAt(s, range, old, lim) : s.st.kvRange.all({ ...range, limit: lim }) as unknown as KvArray[];
  const more = limit > 0 && rows.length > limit;
  if (more) rows.length = limit;
  const items = rows.map((r): KeyValue => ({ key: r[0], value: r[1], createRevision: r[2], modRevision: r[3] }));
  if (!more) return { items, revision: rev, more: false };
  const rest = { lo: items[items.length - 1].key + '\0', hi: range.hi };
  let remaining = (s.st.kvCount.get(rest) as { n: number }).n;
  // At `rev`, the keys written since count as they were then, not as they are now.
  if (old) for (const [name, c] of old) if (name >= rest.lo) remaining += (c.then > 0 ? 1 : 0) - (c.now ? 1 : 0);
  return { items, revision: rev, more: true, remaining };
}

interface Range { lo: string; hi: string }
/** A key written since a revision: the row its first write replaced (0: it did not exist then), and whether it exists now. */
interface Change { then: number; now: boolean }

/** The keys of a range written after `rev`, from the log's rows since (oldest first). */
function changesSince(s: SqliteState, range: Range, rev: number): Map<string, Change> {
  const changes = new Map<string, Change>();
  for (const [name, prev, deleted] of s.st.logChangedSince.all({ ...range, rev }) as unknown as [string, number, number][]) {
    const c = changes.get(name);
    if (c) c.now = !deleted;
    else changes.set(name, { then: prev, now: !deleted });
  }
  return changes;
}

/**
 * The first `lim` keys of a range (all when negative) as they were at the revision of
 * `changes`, in key order: the keys not written since as `kv` has them, the others as the log
 * had them then. Only the keys of the page are read whole.
 */
function pageAt(s: SqliteState, range: Range, changes: Map<string, Change>, lim: number): KvArray[] {
  // Keys are ASCII, so JavaScript's order is SQLite's (bytewise) order of `kv`.
  const then = [...changes].filter(([, c]) => c.then > 0).map(([name]) => name).sort();
  // Among the first lim + |changes| keys of kv there are lim not written since, if kv has them.
  const names = s.st.kvNames.all({ ...range, limit: lim < 0 ? -1 : lim + changes.size }) as unknown as [string][];
  const kept = names.map((r) => r[0]).filter((name) => !changes.has(name));
  const out: KvArray[] = [];
  let i = 0;
  let j = 0;
  while ((i < kept.length || j < then.length) && (lim < 0 || out.length < lim)) {
    if (j >= then.length || (i < kept.length && kept[i] < then[j])) {
      const row = s.st.kvGet.get(kept[i++]) as unknown as KvRow;
      out.push([row.name, row.value, row.create_revision, row.mod_revision]);
    } else {
      out.push(s.st.logGet.get(changes.get(then[j++])!.then) as unknown as KvArray);
    }
  }
  return out;
}
