/**
 * Table-driven decoding of one message into its JSON object. Presence follows the wire, zero
 * values follow the JSON `omitempty` rules (see schema/types.ts for `keep` and `inline`).
 */
import type { FieldSpec, SchemaTable } from './schema/types.ts';
import { WireReader, WIRE_LEN, WIRE_VARINT, malformed, toInt32, toInt64, utf8String } from './wire.ts';
import { decodeDuration, decodeIntOrString, decodeMicroTime, decodeQuantity, decodeRawJSON, decodeTime } from './special.ts';

type Json = unknown;
const SPECIAL: Record<string, (b: Uint8Array) => Json> = {
  Time: decodeTime, MicroTime: decodeMicroTime, Quantity: decodeQuantity, IntOrString: decodeIntOrString,
  Duration: decodeDuration, FieldsV1: decodeRawJSON, RawExtension: decodeRawJSON,
};
const VARINT_TYPES = new Set(['bool', 'int32', 'int64']);
const MAP = /^map<string,(\w+)>$/;

const base64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

function varintValue(type: string, v: bigint): Json {
  if (type === 'bool') return v !== 0n;
  return type === 'int32' ? toInt32(v) : toInt64(v);
}

/** A single value of `type` carried in a length-delimited field. */
function lenValue(table: SchemaTable, type: string, b: Uint8Array, path: string): Json {
  if (type === 'string') return utf8String(b);
  if (type === 'bytes') return base64(b);
  const special = SPECIAL[type];
  if (special) return special(b);
  return decodeMessage(table, type, b, path);
}

const isZero = (v: Json) => v === '' || v === 0 || v === false;

/** A map entry message {1 key, 2 value}. */
function mapEntry(table: SchemaTable, valueType: string, b: Uint8Array, path: string): [string, Json] {
  const r = new WireReader(b);
  let key = '';
  let value: Json = valueType === 'Quantity' ? '0' : valueType === 'bool' ? false : VARINT_TYPES.has(valueType) ? 0 : '';
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) key = utf8String(r.bytes());
    else if (field === 2 && wire === WIRE_LEN) value = lenValue(table, valueType, r.bytes(), path);
    else if (field === 2 && wire === WIRE_VARINT) value = varintValue(valueType, r.varint());
    else r.skip(wire);
  }
  return [key, value];
}

export function decodeMessage(table: SchemaTable, name: string, b: Uint8Array, path = name): Record<string, Json> {
  const spec = table[name];
  if (!spec) throw malformed(`no schema for message ${name} (at ${path})`);
  const out: Record<string, Json> = {};
  const r = new WireReader(b);
  while (!r.done) {
    const { field, wire } = r.tag();
    const f: FieldSpec | undefined = spec[field];
    if (!f) { r.skip(wire); continue; }
    const [key, type, ...flags] = f;
    const at = `${path}.${key}`;
    const map = MAP.exec(type);
    if (map) {
      if (wire !== WIRE_LEN) throw malformed(`${at}: map entry with wire type ${wire}`);
      const [k, v] = mapEntry(table, map[1], r.bytes(), at);
      ((out[key] ??= {}) as Record<string, Json>)[k] = v;
      continue;
    }
    if (flags.includes('repeated')) {
      const list = (out[key] ??= []) as Json[];
      if (VARINT_TYPES.has(type) && wire === WIRE_LEN) {
        // Packed encoding: one length-delimited run of varints.
        const packed = new WireReader(r.bytes());
        while (!packed.done) list.push(varintValue(type, packed.varint()));
      } else if (VARINT_TYPES.has(type) && wire === WIRE_VARINT) list.push(varintValue(type, r.varint()));
      else if (wire === WIRE_LEN) list.push(lenValue(table, type, r.bytes(), `${at}[${list.length}]`));
      else throw malformed(`${at}: unexpected wire type ${wire}`);
      continue;
    }
    let value: Json;
    if (VARINT_TYPES.has(type)) {
      if (wire !== WIRE_VARINT) throw malformed(`${at}: expected a varint, got wire type ${wire}`);
      value = varintValue(type, r.varint());
    } else {
      if (wire !== WIRE_LEN) throw malformed(`${at}: expected length-delimited data, got wire type ${wire}`);
      value = lenValue(table, type, r.bytes(), at);
    }
    if (flags.includes('inline')) { Object.assign(out, value); continue; }
    if (isZero(value) && !flags.includes('keep') && (VARINT_TYPES.has(type) || type === 'string' || type === 'bytes')) {
      // An omitempty scalar at its zero value: JSON drops it, and so must we (a later
      // occurrence of the same field still wins, as in protobuf).
      delete out[key];
      continue;
    }
    out[key] = value;
  }
  return out;
}
