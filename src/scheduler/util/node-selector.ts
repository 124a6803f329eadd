/**
 * Node selector terms (required node affinity and preferred terms), compiled once per pod.
 * Semantics of k8s.io/component-helpers/scheduling/corev1/nodeaffinity: terms are ORed;
 * within a term, matchExpressions (on labels) and matchFields (only `metadata.name`) are ANDed;
 * a term with neither matches nothing. Gt/Lt compare integers; a label that is not one fails.
 */
import type { NodeSelectorRequirement, NodeSelectorTerm } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';

export interface CompiledRequirement {
  key: string;
  op: string;
  values: ReadonlySet<string>;
  /** Gt/Lt operand. */
  num: number;
}

export interface CompiledTerm {
  exprs: CompiledRequirement[];
  fields: CompiledRequirement[];
}

function compileReq(r: DeepReadonly<NodeSelectorRequirement>): CompiledRequirement {
  const values = r.values ?? [];
  const n = values.length === 1 && /^-?\d+$/.test(values[0]) ? Number(values[0]) : NaN;
  return { key: r.key, op: r.operator, values: new Set(values), num: n };
}

export function compileTerm(t: DeepReadonly<NodeSelectorTerm>): CompiledTerm {
  return { exprs: (t.matchExpressions ?? []).map(compileReq), fields: (t.matchFields ?? []).map(compileReq) };
}

function reqMatches(r: CompiledRequirement, value: string | undefined): boolean {
  switch (r.op) {
    case 'In': return value !== undefined && r.values.has(value);
    case 'NotIn': return value === undefined || !r.values.has(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || Number.isNaN(r.num) || !/^-?\d+$/.test(value)) return false;
      const v = Number(value);
      return r.op === 'Gt' ? v > r.num : v < r.num;
    }
    default: return false;
  }
}

/** One term against a node's labels and name. */
export function termMatches(t: CompiledTerm, labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  if (t.exprs.length === 0 && t.fields.length === 0) return false;
  for (const r of t.exprs) if (!reqMatches(r, Object.hasOwn(labels, r.key) ? labels[r.key] : undefined)) return false;
  for (const r of t.fields) {
    // Only metadata.name is a supported field (validation rejects others); In/NotIn only.
    if (r.key !== 'metadata.name' || (r.op !== 'In' && r.op !== 'NotIn')) return false;
    if (!reqMatches(r, nodeName)) return false;
  }
  return true;
}

/** ORed terms. */
export function anyTermMatches(terms: readonly CompiledTerm[], labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  for (const t of terms) if (termMatches(t, labels, nodeName)) return true;
  return false;
}
