/**
 * Renders version-neutral schemas (schemas.ts) in the two dialects the API server serves:
 * Swagger 2.0 puts a description beside `$ref`; OpenAPI 3.0 ignores siblings of `$ref`, so the
 * API server wraps the reference as `allOf: [{$ref}]` and keeps the description beside it
 * (k8s.io/kube-openapi pkg/builder3). kubectl explain walks both forms.
 */
import type { Schema } from './schemas.ts';

export type Dialect = 'v2' | 'v3';

export const refPrefix = (d: Dialect) => (d === 'v2' ? '#/definitions/' : '#/components/schemas/');

export function render(s: Schema, d: Dialect, top = true): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.$ref) {
    const ref = refPrefix(d) + s.$ref;
    if (d === 'v2' || top === false && !s.description) {
      if (s.description) out.description = s.description;
      out.$ref = ref;
      return out;
    }
    return s.description ? { allOf: [{ $ref: ref }], description: s.description } : { $ref: ref };
  }
  for (const [k, v] of Object.entries(s)) {
    if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Record<string, Schema>).map(([p, ps]) => [p, render(ps, d)]));
    else if (k === 'items' || k === 'additionalProperties') out[k] = render(v as Schema, d, false);
    else out[k] = v;
  }
  return out;
}

/** Definition names reachable from `roots` (including them), in sorted order like upstream documents. */
export function closure(roots: string[], schemas: Map<string, Schema>): string[] {
  const seen = new Set<string>();
  const visit = (s: Schema | undefined) => {
    if (!s) return;
    if (s.$ref) {
      if (seen.has(s.$ref)) return;
      seen.add(s.$ref);
      visit(schemas.get(s.$ref));
      return;
    }
    for (const p of Object.values(s.properties ?? {})) visit(p);
    visit(s.items);
    visit(s.additionalProperties);
  };
  for (const r of roots) visit({ $ref: r });
  return [...seen].sort();
}
