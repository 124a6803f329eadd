/**
 * Protobuf wire-format reading, by hand (https://protobuf.dev/programming-guides/encoding/).
 * Kubernetes uses proto2 without zigzag (`sint*`) types, so varint, 64-bit, length-delimited and
 * 32-bit are all we meet. Every malformed input becomes a 400 BadRequest.
 */
import { badRequest } from '../errors.ts';

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

export const malformed = (what: string) => badRequest(`unable to decode protobuf body: ${what}`);

export class WireReader {
  readonly buf: Uint8Array;
  pos = 0;
  readonly end: number;
  constructor(buf: Uint8Array) {
    this.buf = buf;
    this.end = buf.length;
  }

  get done(): boolean { return this.pos >= this.end; }

  /** A varint as an unsigned 64-bit bigint (callers narrow it to int32/int64/bool). */
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.end) throw malformed('truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw malformed('varint longer than 10 bytes');
  }

  /** The field number and wire type of the next key. */
  tag(): { field: number; wire: number } {
    const key = this.varint();
    const field = Number(key >> 3n);
    if (field === 0 || field > 0x1fffffff) throw malformed(`invalid field number ${field}`);
    return { field, wire: Number(key & 7n) };
  }

  bytes(): Uint8Array {
    const len = Number(this.varint());
    if (len > this.end - this.pos) throw malformed(`truncated length-delimited field (${len} bytes announced, ${this.end - this.pos} left)`);
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  fixed(n: 4 | 8): Uint8Array {
    if (n > this.end - this.pos) throw malformed('truncated fixed-width field');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Skips a field we do not know, as protobuf readers must (forward compatibility). */
  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT: this.varint(); return;
      case WIRE_I64: this.fixed(8); return;
      case WIRE_LEN: this.bytes(); return;
      case WIRE_I32: this.fixed(4); return;
      default: throw malformed(`unsupported wire type ${wire}`);
    }
  }
}

export const toInt32 = (v: bigint) => Number(BigInt.asIntN(32, v));
export const toInt64 = (v: bigint) => Number(BigInt.asIntN(64, v));

const utf8 = new TextDecoder('utf-8', { fatal: true });
export function utf8String(b: Uint8Array): string {
  try {
    return utf8.decode(b);
  } catch {
    throw malformed('string field is not valid UTF-8');
  }
}
