/**
 * One line of a CRI container log file, as containerd writes it:
 * `<RFC3339Nano timestamp> <stdout|stderr> <tags> <text>`, where the first tag is `F` (full) or
 * `P` (partial: the text goes on in the next line). Parsed as the kubelet does in
 * pkg/kubelet/kuberuntime/logs/logs.go (parseCRILog) at v1.33.0.
 */

export interface LogLine {
  /** Nanoseconds since the epoch, for `since` comparisons. */
  ns: bigint;
  /** The timestamp as Go prints RFC3339Nano (trailing fraction zeros dropped, UTC as `Z`). */
  time: string;
  stream: 'stdout' | 'stderr';
  /** The text: a full line keeps its `\n`, a partial line has it removed. */
  text: Buffer;
}

const SPACE = 0x20;
const NL = 0x0a;
const TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Parses one file line (with or without its `\n`); an Error for lines the kubelet skips. */
export function parseLogLine(line: Buffer): LogLine | Error {
  const a = line.indexOf(SPACE);
  if (a < 0) return new Error('timestamp is not found');
  const t = parseTime(line.subarray(0, a).toString('latin1'));
  if (!t) return new Error(`unexpected timestamp format "${line.subarray(0, a).toString()}"`);
  const b = line.indexOf(SPACE, a + 1);
  if (b < 0) return new Error('stream type is not found');
  const stream = line.subarray(a + 1, b).toString('latin1');
  if (stream !== 'stdout' && stream !== 'stderr') return new Error(`unexpected stream type "${stream}"`);
  const c = line.indexOf(SPACE, b + 1);
  if (c < 0) return new Error('log tag is not found');
  const partial = line.subarray(b + 1, c).toString('latin1').split(':')[0] === 'P';
  let text = line.subarray(c + 1);
  if (partial && text.length && text[text.length - 1] === NL) text = text.subarray(0, text.length - 1);
  return { ...t, stream, text };
}

/** RFC3339 with an optional fraction of up to 9 digits → epoch nanoseconds and Go's RFC3339Nano text. */
export function parseTime(s: string): { ns: bigint; time: string } | undefined {
  const m = TIME.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac = '', zone] = m;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${sec}Z`);
  if (Number.isNaN(ms)) return undefined;
  const offMin = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const ns = (BigInt(ms) - BigInt(offMin) * 60_000n) * 1_000_000n + BigInt(frac.padEnd(9, '0') || '0');
  const f = frac.replace(/0+$/, '');
  return { ns, time: `${y}-${mo}-${d}T${h}:${mi}:${sec}${f ? `.${f}` : ''}${offMin === 0 ? 'Z' : zone}` };
}

/** Epoch nanoseconds of a Date or RFC3339 string (the `sinceTime` parameter); undefined when unreadable. */
export function toNanos(v: Date | string): bigint | undefined {
  if (v instanceof Date) return BigInt(v.getTime()) * 1_000_000n;
  return parseTime(v)?.ns;
}
