/** Test-only protobuf writer, for hand-built bodies in the decoder tests. */
export function varint(n: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}
const key = (field: number, wire: number) => varint((field << 3) | wire);
/** A varint field (int32, int64, bool, enum). */
export const vf = (field: number, n: number | bigint | boolean) => [...key(field, 0), ...varint(typeof n === 'boolean' ? (n ? 1 : 0) : n)];
/** A length-delimited field holding raw bytes or a nested message. */
export const lf = (field: number, bytes: number[] | Uint8Array) => [...key(field, 2), ...varint(bytes.length), ...bytes];
/** A string field. */
export const sf = (field: number, s: string) => lf(field, [...new TextEncoder().encode(s)]);
/** A map<string,string> entry. */
export const mapEntry = (field: number, k: string, v: string) => lf(field, [...sf(1, k), ...sf(2, v)]);
/** The "k8s\0" + runtime.Unknown envelope around an encoded object. */
export function envelope(apiVersion: string, kind: string, raw: number[], extra: number[] = []): Uint8Array {
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...lf(1, [...sf(1, apiVersion), ...sf(2, kind)]), ...lf(2, raw), ...extra]);
}
