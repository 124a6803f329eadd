/**
 * Pod affinity terms compiled once per pod (framework.AffinityTerm in
 * pkg/scheduler/framework/types.go): the label selector, the namespaces it covers (the
 * pod's own when the term names none and has no namespaceSelector) and the namespaceSelector
 * (nil: none, {}: every namespace).
 */
import type { PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1.d.ts';
import { fromLabelSelector, isEverything, matches, nothing, type Selector } from '../../api/selectors/labels.ts';
import type { DeepReadonly } from '../../client/freeze.ts';

export interface AffinityTerm {
  selector: Selector;
  namespaces: ReadonlySet<string>;
  nsSelector: Selector;
  /** The namespaceSelector is `{}`: every namespace. */
  allNamespaces: boolean;
  topologyKey: string;
  weight: number;
}

const safeSelector = (ls: Parameters<typeof fromLabelSelector>[0]): Selector => {
  try { return fromLabelSelector(ls); } catch { return nothing; }
};

export function compileAffinityTerm(podNamespace: string, t: DeepReadonly<PodAffinityTerm>, weight = 0): AffinityTerm {
  const names = t.namespaces ?? [];
  const namespaces = new Set(names.length === 0 && !t.namespaceSelector ? [podNamespace] : names);
  const nsSelector = safeSelector(t.namespaceSelector as never);
  return {
    selector: safeSelector(t.labelSelector as never), namespaces, nsSelector,
    allNamespaces: isEverything(nsSelector), topologyKey: t.topologyKey, weight,
  };
}

export const compileTerms = (ns: string, ts: readonly DeepReadonly<PodAffinityTerm>[] | undefined) =>
  (ts ?? []).map((t) => compileAffinityTerm(ns, t));

export const compileWeighted = (ns: string, ts: readonly DeepReadonly<WeightedPodAffinityTerm>[] | undefined) =>
  (ts ?? []).map((t) => compileAffinityTerm(ns, t.podAffinityTerm, t.weight));

/** Whether the term's namespaces cover `ns`; `nsLabels` answers for namespaceSelector terms. */
export function termCoversNamespace(t: AffinityTerm, ns: string, nsLabels: (ns: string) => Readonly<Record<string, string>> | undefined): boolean {
  if (t.allNamespaces || t.namespaces.has(ns)) return true;
  if (t.nsSelector.nothing) return false;
  return matches(t.nsSelector, nsLabels(ns) as Record<string, string> | undefined);
}

/** Whether a pod in `ns` with `labels` matches the term. */
export function termMatchesPod(
  t: AffinityTerm, ns: string, labels: Readonly<Record<string, string>>,
  nsLabels: (ns: string) => Readonly<Record<string, string>> | undefined,
): boolean {
  return termCoversNamespace(t, ns, nsLabels) && matches(t.selector, labels as Record<string, string>);
}
