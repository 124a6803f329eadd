/**
 * The kubelet's reading of `/containerLogs` query parameters into log options: the v1
 * PodLogOptions fields it decodes (pkg/kubelet/server/server.go getContainerLogs) and how
 * pkg/kubelet/kuberuntime/logs/logs.go (NewLogOptions) turns them into tail/bytes/since.
 */
import { toNanos } from './log-line.ts';

export interface LogOptions {
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  /** Lines from the end; -1 = all. */
  tail: number;
  /** Byte limit; -1 = none. */
  bytes: number;
  /** Skip lines older than this (epoch ns); 0n = none. */
  since: bigint;
}

export type OptionsResult = { ok: LogOptions } | { code: 400 | 422; message: string };

const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

export function parseLogOptions(q: URLSearchParams, now: Date): OptionsResult {
  const bad = { code: 400 as const, message: '{"message": "Unable to decode query."}' };
  const invalid = { code: 422 as const, message: '{"message": "Invalid request."}' };
  const bools: Record<string, boolean> = {};
  for (const k of ['follow', 'previous', 'timestamps']) {
    const v = q.get(k);
    if (v === null || v === '') { bools[k] = false; continue; }
    if (!TRUE.has(v) && !FALSE.has(v)) return bad;
    bools[k] = TRUE.has(v);
  }
  // `tail` is the old name of tailLines; `all` means no limit.
  const tailRaw = q.get('tail') ?? q.get('tailLines');
  const ints: Record<string, number | undefined> = {};
  for (const [k, raw] of [['tailLines', tailRaw === 'all' ? null : tailRaw], ['limitBytes', q.get('limitBytes')], ['sinceSeconds', q.get('sinceSeconds')]] as const) {
    if (raw === null || raw === '') continue;
    if (!/^[+-]?\d+$/.test(raw)) return bad;
    ints[k] = Number(raw);
  }
  let sinceTime: bigint | undefined;
  const st = q.get('sinceTime');
  if (st) {
    sinceTime = toNanos(st);
    if (sinceTime === undefined) return bad;
  }
  // ValidatePodLogOptions: non-negative tail, positive bytes and seconds, one of the two "since".
  if ((ints.tailLines ?? 0) < 0 || (ints.limitBytes ?? 1) < 1 || (ints.sinceSeconds ?? 1) < 1) return invalid;
  if (ints.sinceSeconds !== undefined && sinceTime !== undefined) return invalid;
  let since = 0n;
  if (ints.sinceSeconds !== undefined) since = toNanos(new Date(now.getTime() - ints.sinceSeconds * 1000))!;
  if (sinceTime !== undefined && sinceTime > since) since = sinceTime;
  return { ok: {
    follow: bools.follow, previous: bools.previous, timestamps: bools.timestamps,
    tail: ints.tailLines ?? -1, bytes: ints.limitBytes ?? -1, since,
  } };
}
