/**
 * A request body as the real server holds it after decoding it into its Go types:
 * - an unknown field is gone: the struct has nowhere to put it (fieldValidation only decides
 *   whether the request is refused or warned about first, types.ts);
 * - a `null` field is gone: Go's decoder leaves it at its zero value and the encoder then omits
 *   it (omitempty) or prints the zero; a `null` list element is the element type's zero value
 *   (`{}` for a struct, `""`, `0`, `false`).
 * Done once, right after the type check, so later code never meets what Go code never would.
 * Map values keep their nulls only where the map holds `any` (e.g. RawExtension). Callers go on
 * with the object prune answers.
 */
import type { Node } from './schema-tree.ts';
import { rootNode } from './schema-tree.ts';

/** `obj` without its nulls and unknown fields: `obj` itself, cleaned in place, unless it had such fields of its own (see clean). */
export function prune<T extends Record<string, unknown>>(apiVersion: string, kind: string, obj: T): T {
  const root = rootNode(apiVersion, kind);
  return root ? clean(root, obj) as T : obj;
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

/**
 * Cleans `value` in place and answers it, or a copy without the fields to drop for a struct
 * that had some (null or unknown). A copy rather than `delete`: deleting a property turns a V8
 * object into a dictionary, and a single such object anywhere sends JSON.stringify of the whole
 * stored object down its slow path (a pod whose PodScheduled condition lost
 * `lastProbeTime: null` encoded in 17 µs instead of 5).
 */
function clean(n: Node, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (!n.items) return value;
    for (let i = 0; i < value.length; i++) value[i] = value[i] === null ? zero(n.items) : clean(n.items, value[i]);
    return value;
  }
  const o = value as Record<string, unknown>;
  const struct = n.kind === 'struct';
  let drop = false;
  for (const k of Object.keys(o)) {
    const child = struct ? n.props?.get(k) : n.kind === 'map' ? n.values : undefined;
    const v = o[k];
    if (struct && (v === null || !child)) drop = true;
    else if (v === null) { if (child) o[k] = zero(child); }
    else if (child) {
      const c = clean(child, v);
      if (c !== v) o[k] = c;
    }
  }
  return drop ? known(n, o) : o;
}

/** The struct's own declared, non-null fields. */
function known(n: Node, o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (o[k] !== null && n.props?.has(k)) out[k] = o[k];
  return out;
}
