/**
 * Encodes a Swagger 2.0 document as the protobuf message `openapi.v2.Document` of google/gnostic
 * (openapiv2/OpenAPIv2.proto), the form kubectl 1.27/1.28 ask `/openapi/v2` for. Only the parts we
 * produce are encoded: swagger, info, and definitions (schemas with $ref, description, type, format,
 * required, items, allOf, properties, additionalProperties, vendor extensions).
 * Vendor extension values travel as YAML text; JSON is valid YAML, so they are written as JSON.
 */

type Bytes = Buffer;

function varint(n: number): Bytes {
  const out: number[] = [];
  while (n > 0x7f) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128); }
  out.push(n);
  return Buffer.from(out);
}

const key = (field: number, wire: number) => varint(field * 8 + wire);

/** A length-delimited field (strings, bytes, sub-messages). */
function ld(field: number, payload: Bytes): Bytes {
  return Buffer.concat([key(field, 2), varint(payload.length), payload]);
}

const str = (field: number, s: string | undefined): Bytes => (s ? ld(field, Buffer.from(s, 'utf8')) : Buffer.alloc(0));
const strs = (field: number, list: string[] | undefined): Bytes => Buffer.concat((list ?? []).map((s) => ld(field, Buffer.from(s, 'utf8'))));
const msg = (field: number, parts: Bytes[]): Bytes => ld(field, Buffer.concat(parts));

/** NamedAny { name = 1; Any value = 2 { yaml = 2 } } */
function vendorExtension(field: number, name: string, value: unknown): Bytes {
  return msg(field, [str(1, name), msg(2, [str(2, JSON.stringify(value))])]);
}

type Json = Record<string, unknown>;

/** openapi.v2.Schema, with the field numbers of OpenAPIv2.proto. */
function schema(s: Json): Bytes[] {
  const parts: Bytes[] = [str(1, s.$ref as string), str(2, s.format as string), str(4, s.description as string)];
  if (Array.isArray(s.required)) parts.push(strs(19, s.required as string[]));
  if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    parts.push(msg(21, [msg(1, schema(s.additionalProperties as Json))]));
  }
  if (typeof s.type === 'string') parts.push(msg(22, [str(1, s.type)]));
  if (s.items) parts.push(msg(23, [msg(1, schema(s.items as Json))]));
  for (const a of (s.allOf as Json[] | undefined) ?? []) parts.push(msg(24, schema(a)));
  if (s.properties) {
    const props = Object.entries(s.properties as Record<string, Json>).map(([n, p]) => msg(1, [str(1, n), msg(2, schema(p))]));
    parts.push(msg(25, props));
  }
  for (const [k, v] of Object.entries(s)) if (k.startsWith('x-')) parts.push(vendorExtension(31, k, v));
  return parts;
}

/** Document { swagger = 1; Info info = 2; Paths paths = 8; Definitions definitions = 9 } */
export function encodeDocument(doc: { swagger: string; info: { title: string; version: string }; definitions: Record<string, Json> }): Bytes {
  const defs = Object.entries(doc.definitions).map(([n, s]) => msg(1, [str(1, n), msg(2, schema(s))]));
  return Buffer.concat([
    str(1, doc.swagger),
    msg(2, [str(1, doc.info.title), str(2, doc.info.version)]),
    msg(8, []),
    msg(9, defs),
  ]);
}
