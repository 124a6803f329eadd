/**
 * One walk over a request body along its kind's compiled schema (schema-tree.ts), collecting what
 * the real API server's JSON decoding would find:
 * - type errors. kube-apiserver decodes into Go structs with sigs.k8s.io/json (a fork of Go's
 *   encoding/json): a value of the wrong JSON type is skipped and the first such error is kept
 *   ("json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type
 *   int32": the struct holding the field, then the field path without list indices); an error
 *   raised by a type's own UnmarshalJSON (IntOrString, Quantity, Time) stops decoding at once and
 *   wins over a kept one. `null` is accepted anywhere.
 * - unknown fields, for the `fieldValidation` query parameter (fields.ts re-exports these functions).
 * The handler wraps a type error as apiserver's create/update handlers do (transformDecodeError in
 * k8s.io/apiserver pkg/endpoints/handlers/rest.go): `<Kind> in version "<v>" cannot be handled as
 * a <Kind>: <error>`, or, when even apiVersion/kind cannot be read (the body is not an object),
 * `the object provided is unrecognized (must be of type <Kind>): <error> (<body summary>)`.
 */
import { tryParseQuantity } from '../../api/quantity.ts';
import { rootNode, type Node } from './schema-tree.ts';

export interface CheckResult {
  /** The whole 400 BadRequest message, when the body would not decode. */
  typeError?: string;
  /** Paths of undeclared fields (`spec.containers[1].foo`), in document order. */
  unknown: string[];
}

/**
 * `keys` is where the walk is: a field or map key (string) or a list index (number) per level,
 * `props[i]` telling a struct field from a map key. Paths are spelled out only for a finding,
 * not as two new strings per value (a Running pod: 3.1 → 2.7 µs per check, and less garbage).
 */
interface State { unknown: string[]; kept?: string; fatal?: string; keys: (string | number)[]; props: boolean[] }

/** The unknown-field path of the walk's position: `spec.containers[1].foo`. */
function pathOf(st: State): string {
  let out = '';
  for (const k of st.keys) out += typeof k === 'number' ? `[${k}]` : out ? `.${k}` : k;
  return out;
}

/** The Go field path of the walk's position: struct fields only (`spec.containers.name`). */
function fieldOf(st: State): string {
  return st.keys.filter((_, i) => st.props[i]).join('.');
}

/** resource.Quantity's parse error (k8s.io/apimachinery pkg/api/resource quantity.go, ErrFormatWrong). */
const QUANTITY_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/** The anonymous struct the JSON serializer first reads apiVersion and kind into (SimpleMetaFactory.Interpret). */
const FIND_KIND = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

const jsonKind = (v: unknown): string =>
  Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v === 'object' ? 'object' : typeof v;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Type error and unknown fields of `obj` as a body for apiVersion/kind, in one walk. */
export function checkObject(apiVersion: string, kind: string, obj: unknown): CheckResult {
  if (obj === null || obj === undefined) return { unknown: [] }; // a JSON null body decodes to an empty object
  const kindError = interpretError(obj);
  if (kindError) {
    return { typeError: `the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: ${kindError} (${summary(obj)})`, unknown: [] };
  }
  const root = rootNode(apiVersion, kind);
  if (!root) return { unknown: [] };
  const st: State = { unknown: [], keys: [], props: [] };
  walk(root, obj, '', st);
  const err = st.fatal ?? st.kept;
  return err ? { typeError: cannotBeHandled(apiVersion, kind, err), unknown: st.unknown } : { unknown: st.unknown };
}

/** A body that failed decoding, in transformDecodeError's words. */
export function cannotBeHandled(apiVersion: string, kind: string, err: string): string {
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${err}`;
}

/** The 400 message for the first JSON type error in `obj`, or undefined when it would decode. */
export function typeErrors(apiVersion: string, kind: string, obj: unknown): string | undefined {
  return checkObject(apiVersion, kind, obj).typeError;
}

/** apiVersion and kind are read before anything else, into an anonymous struct (no struct name). */
function interpretError(obj: unknown): string | undefined {
  if (!isObject(obj)) return `json: cannot unmarshal ${jsonKind(obj)} into Go value of type ${FIND_KIND}`;
  for (const k in obj) {
    const v = obj[k];
    if ((k === 'apiVersion' || k === 'kind') && v !== null && typeof v !== 'string') {
      return `json: cannot unmarshal ${jsonKind(v)} into Go struct field .${k} of type string`;
    }
  }
  return undefined;
}

/** The body as apiserver's summarizeData shows it: up to 30 bytes, as text for an object, hex otherwise. */
function summary(obj: unknown): string {
  const data = Buffer.from(JSON.stringify(obj) ?? '');
  const head = data.subarray(0, 30);
  const more = data.length > 30 ? ' ...' : '';
  return data[0] === 0x7b ? head.toString() + more : head.toString('hex') + more;
}

function keep(st: State, value: string, goType: string, struct: string): void {
  st.kept ??= `json: cannot unmarshal ${value} into Go struct field ${struct}.${fieldOf(st)} of type ${goType}`;
}

/** Walks `value` one level down, at key `k` (a struct field when `prop`). */
function child(n: Node, value: unknown, k: string | number, prop: boolean, struct: string, st: State): void {
  st.keys.push(k);
  st.props.push(prop);
  walk(n, value, struct, st);
  st.keys.pop();
  st.props.pop();
}

/** `struct`: the Go struct holding the value, as Go reports it. */
function walk(n: Node, value: unknown, struct: string, st: State): void {
  if (value === null || value === undefined) return;
  switch (n.kind) {
    case 'any': return;
    case 'string': if (typeof value !== 'string') keep(st, jsonKind(value), n.goType, struct); return;
    case 'boolean': if (typeof value !== 'boolean') keep(st, jsonKind(value), n.goType, struct); return;
    case 'number': if (typeof value !== 'number') keep(st, jsonKind(value), n.goType, struct); return;
    case 'integer':
      if (typeof value !== 'number') keep(st, jsonKind(value), n.goType, struct);
      else if (!Number.isInteger(value) || value < n.min! || value > n.max!) keep(st, `number ${value}`, n.goType, struct);
      return;
    case 'int-or-string': // a string, else decoded as an int32 by a nested json.Unmarshal (no field context)
      if (typeof value === 'string') return;
      if (typeof value !== 'number') st.fatal = `json: cannot unmarshal ${jsonKind(value)} into Go value of type int32`;
      else if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) st.fatal = `json: cannot unmarshal number ${value} into Go value of type int32`;
      return;
    case 'quantity': if ((typeof value !== 'string' && typeof value !== 'number') || !tryParseQuantity(value)) st.fatal = QUANTITY_FORMAT; return;
    case 'time': if (typeof value !== 'string') st.fatal = `json: cannot unmarshal ${jsonKind(value)} into Go value of type string`; return;
    case 'array':
      if (!Array.isArray(value)) { keep(st, jsonKind(value), n.goType, struct); return; }
      for (let i = 0; i < value.length && !st.fatal; i++) child(n.items!, value[i], i, false, struct, st);
      return;
    case 'map':
      if (!isObject(value)) { keep(st, jsonKind(value), n.goType, struct); return; }
      for (const k in value) {
        child(n.values!, value[k], k, false, struct, st);
        if (st.fatal) return;
      }
      return;
    case 'struct':
      if (!isObject(value)) { keep(st, jsonKind(value), n.goType, struct); return; }
      for (const k in value) {
        const p = n.props!.get(k);
        if (!p) {
          st.keys.push(k);
          st.unknown.push(pathOf(st));
          st.keys.pop();
          continue;
        }
        child(p, value[k], k, true, n.name!, st);
        if (st.fatal) return;
      }
  }
}
