/**
 * Messages whose JSON form is not an object: apimachinery's Time, MicroTime, Duration,
 * Quantity, IntOrString, FieldsV1 and RawExtension. Each takes the message bytes and returns the
 * JSON value Go's MarshalJSON would print.
 */
import { WireReader, WIRE_LEN, WIRE_VARINT, malformed, toInt32, toInt64, utf8String } from './wire.ts';

/** Reads a small all-scalar message into field number → raw value. */
function fields(b: Uint8Array): Map<number, bigint | Uint8Array> {
  const r = new WireReader(b);
  const out = new Map<number, bigint | Uint8Array>();
  while (!r.done) {
    const { field, wire } = r.tag();
    if (wire === WIRE_VARINT) out.set(field, r.varint());
    else if (wire === WIRE_LEN) out.set(field, r.bytes());
    else r.skip(wire);
  }
  return out;
}
const num = (v: bigint | Uint8Array | undefined) => (typeof v === 'bigint' ? v : 0n);
const str = (v: bigint | Uint8Array | undefined) => (v instanceof Uint8Array ? utf8String(v) : '');

function rfc3339(seconds: number, micros?: number): string {
  const d = new Date(seconds * 1000);
  if (Number.isNaN(d.getTime())) throw malformed(`timestamp out of range (${seconds}s)`);
  const base = d.toISOString().slice(0, 19);
  return micros === undefined ? `${base}Z` : `${base}.${String(micros).padStart(6, '0')}Z`;
}

/**
 * metav1.Time {1 seconds, 2 nanos}: an empty message is the zero time, which JSON prints as
 * null; otherwise RFC 3339 in UTC with seconds precision (Time.Unmarshal drops the nanos).
 * https://github.com/kubernetes/apimachinery/blob/release-1.33/pkg/apis/meta/v1/time_proto.go
 */
export function decodeTime(b: Uint8Array): string | null {
  if (b.length === 0) return null;
  return rfc3339(toInt64(num(fields(b).get(1))));
}

/** metav1.MicroTime: like Time, but keeps microseconds (RFC3339Micro). */
export function decodeMicroTime(b: Uint8Array): string | null {
  if (b.length === 0) return null;
  const f = fields(b);
  return rfc3339(toInt64(num(f.get(1))), Math.floor(toInt32(num(f.get(2))) / 1000));
}

/** resource.Quantity {1 string}: the canonical string the client already formatted. */
export function decodeQuantity(b: Uint8Array): string {
  return str(fields(b).get(1)) || '0';
}

/** intstr.IntOrString {1 type, 2 intVal, 3 strVal}: type 0 is a number, 1 a string. */
export function decodeIntOrString(b: Uint8Array): number | string {
  const f = fields(b);
  return toInt64(num(f.get(1))) === 1 ? str(f.get(3)) : toInt32(num(f.get(2)));
}

/** metav1.Duration {1 duration (nanoseconds)}: printed as Go's time.Duration.String(). */
export function decodeDuration(b: Uint8Array): string {
  return goDuration(BigInt.asIntN(64, num(fields(b).get(1))));
}

export function goDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  const sign = neg ? '-' : '';
  if (u < 1_000_000_000n) {
    // Below one second Go picks ns, µs or ms and prints a decimal fraction.
    const [unit, div] = u < 1000n ? ['ns', 1n] : u < 1_000_000n ? ['µs', 1000n] : ['ms', 1_000_000n];
    return `${sign}${fraction(u, div)}${unit}`;
  }
  const h = u / 3_600_000_000_000n;
  u -= h * 3_600_000_000_000n;
  const m = u / 60_000_000_000n;
  u -= m * 60_000_000_000n;
  const s = `${fraction(u, 1_000_000_000n)}s`;
  if (h > 0n) return `${sign}${h}h${m}m${s}`;
  if (m > 0n) return `${sign}${m}m${s}`;
  return `${sign}${s}`;
}
function fraction(v: bigint, div: bigint): string {
  const whole = v / div;
  const rest = v % div;
  if (rest === 0n) return String(whole);
  const digits = String(div).length - 1;
  return `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** FieldsV1 {1 Raw} and RawExtension {1 raw}: the raw bytes are JSON, printed verbatim. */
export function decodeRawJSON(b: Uint8Array): unknown {
  const raw = fields(b).get(1);
  if (!(raw instanceof Uint8Array) || raw.length === 0) return null;
  try {
    return JSON.parse(utf8String(raw));
  } catch {
    throw malformed('embedded raw object is not JSON');
  }
}
