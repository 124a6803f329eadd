/**
 * JSON `null` as the real server sees it: Go's decoder leaves a field it reads `null` for
 * at its zero value, and the encoder then omits it (omitempty) or prints the zero. So after
 * a decode–encode round trip a `null` field is gone and a `null` list element is the
 * element type's zero value (`{}` for a struct, `""`, `0`, `false`). We do the same once,
 * right after the type check, so later code never meets `null` where Go code never would.
 * Map values keep their nulls only where the map holds `any` (e.g. RawExtension).
 */
import type { Node } from './schema-tree.ts';
import { rootNode } from './schema-tree.ts';

export function dropNulls(apiVersion: string, kind: string, obj: Record<string, unknown>): void {
  const root = rootNode(apiVersion, kind);
  if (root) clean(root, obj);
}

function zero(n: Node): unknown {
  switch (n.kind) {
    case 'struct': case 'map': return {};
    case 'array': return [];
    case 'string': case 'time': return '';
    case 'integer': case 'number': case 'int-or-string': return 0;
    case 'quantity': return '0';
    case 'boolean': return false;
    default: return null;
  }
}

function clean(n: Node, value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (!n.items) return;
    for (let i = 0; i < value.length; i++) {
      if (value[i] === null) value[i] = zero(n.items);
      else clean(n.items, value[i]);
    }
    return;
  }
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const child = n.kind === 'struct' ? n.props?.get(k) : n.kind === 'map' ? n.values : undefined;
    if (o[k] === null) {
      if (n.kind === 'struct') delete o[k];
      else if (child) o[k] = zero(child);
      continue;
    }
    if (child) clean(child, o[k]);
  }
}
