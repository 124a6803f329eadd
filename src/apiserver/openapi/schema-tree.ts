/**
 * Compiles the generated OpenAPI v3 documents (build/openapi/v3) into small typed trees, one per
 * definition, built once and shared: the unknown-field check (fields.ts) and the JSON type check
 * (types.ts) are one walk over an object along such a tree (check.ts).
 *
 * Each node also carries the Go type name the real API server would decode into (reflect's
 * `Type.String()`: `int32`, `v1.PodSpec`, `[]v1.Container`, `map[string]string`), because its
 * decode errors name it.
 */
import { readFileSync } from 'node:fs';
import { OPENAPI_BUILD_DIR } from './build-dir.ts';

export type NodeKind =
  | 'any' | 'struct' | 'array' | 'map' | 'string' | 'integer' | 'number' | 'boolean'
  /** intstr.IntOrString, resource.Quantity and metav1.Time/MicroTime decode with their own UnmarshalJSON. */
  | 'int-or-string' | 'quantity' | 'time';

export interface Node {
  kind: NodeKind;
  goType: string;
  /** Struct nodes: the Go struct name (`DeploymentSpec`) and its fields. */
  name?: string;
  props?: Map<string, Node>;
  items?: Node;
  values?: Node;
  /** Integer nodes: the range of the Go type (int32 or int64). */
  min?: number;
  max?: number;
}

type Json = Record<string, unknown>;

interface GVDoc { schemas: Json; kinds: Map<string, string>; compiled: Map<string, Node> }

const docs = new Map<string, GVDoc | null>();
const PREFIX = '#/components/schemas/';
const ANY: Node = { kind: 'any', goType: 'interface {}' };
const INT32: Node = { kind: 'integer', goType: 'int32', min: -(2 ** 31), max: 2 ** 31 - 1 };
const INT64: Node = { kind: 'integer', goType: 'int64', min: -(2 ** 63), max: 2 ** 63 - 1 };

function gvDoc(apiVersion: string): GVDoc | null {
  let d = docs.get(apiVersion);
  if (d !== undefined) return d;
  const path = apiVersion.includes('/') ? `apis/${apiVersion}` : `api/${apiVersion}`;
  try {
    const doc = JSON.parse(readFileSync(new URL(`v3/${path}.json`, OPENAPI_BUILD_DIR), 'utf8'));
    const schemas = doc.components.schemas as Json;
    const kinds = new Map<string, string>();
    for (const [name, s] of Object.entries(schemas)) {
      for (const g of ((s as Json)['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[] | undefined) ?? []) {
        if ((g.group ? `${g.group}/${g.version}` : g.version) === apiVersion) kinds.set(g.kind, name);
      }
    }
    d = { schemas, kinds, compiled: new Map() };
  } catch {
    d = null; // a group-version we have no document for: nothing to check against
  }
  docs.set(apiVersion, d);
  return d;
}

/** The compiled tree of apiVersion/kind, or undefined when we have no schema for it. */
export function rootNode(apiVersion: string, kind: string): Node | undefined {
  const doc = gvDoc(apiVersion);
  const name = doc?.kinds.get(kind);
  return doc && name ? definition(doc, name) : undefined;
}

function definition(doc: GVDoc, name: string): Node {
  const done = doc.compiled.get(name);
  if (done) return done;
  // `io.k8s.api.core.v1.PodSpec` is Go's `v1.PodSpec` (package name, type name).
  const parts = name.split('.');
  const node: Node = { kind: 'any', goType: `${parts.at(-2)}.${parts.at(-1)}` };
  doc.compiled.set(name, node); // before compiling: definitions can be recursive
  const body = compile(doc, doc.schemas[name] as Json | undefined);
  Object.assign(node, body, { goType: node.goType }, body.kind === 'struct' ? { name: parts.at(-1) } : {});
  return node;
}

function compile(doc: GVDoc, s: Json | undefined): Node {
  if (!s) return ANY;
  const ref = (s.$ref as string | undefined) ?? ((s.allOf as Json[] | undefined)?.[0]?.$ref as string | undefined);
  if (ref) return definition(doc, ref.slice(PREFIX.length));
  if (s.format === 'int-or-string') return { kind: 'int-or-string', goType: 'intstr.IntOrString' };
  if (s['x-kubernetes-int-or-string']) return { kind: 'quantity', goType: 'resource.Quantity' };
  switch (s.type) {
    case 'array': {
      const items = s.items ? compile(doc, s.items as Json) : ANY;
      return { kind: 'array', goType: `[]${items.goType}`, items };
    }
    case 'string': return s.format === 'date-time' ? { kind: 'time', goType: 'v1.Time' } : { kind: 'string', goType: 'string' };
    case 'integer': return s.format === 'int64' ? INT64 : INT32;
    case 'number': return { kind: 'number', goType: 'float64' };
    case 'boolean': return { kind: 'boolean', goType: 'bool' };
  }
  if (s.properties) {
    const props = new Map(Object.entries(s.properties as Record<string, Json>).map(([k, v]) => [k, compile(doc, v)]));
    return { kind: 'struct', goType: '', props };
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    const values = compile(doc, s.additionalProperties as Json);
    return { kind: 'map', goType: `map[string]${values.goType}`, values };
  }
  return ANY; // objects with no declared fields (RawExtension, FieldsV1) and untyped values
}
