/**
 * InterPodAffinity filter (pkg/scheduler/framework/plugins/interpodaffinity/filtering.go).
 * PreFilter counts, per topology domain (key=value):
 * - existing pods whose required anti-affinity terms match the incoming pod;
 * - pods matching *all* of the incoming pod's required affinity terms;
 * - pods matching each of its required anti-affinity terms.
 * A node then fails when it sits in a domain an existing pod repels, in a domain holding a
 * pod the incoming one repels, or outside a domain holding what it needs — except that the
 * first pod of a group that matches its own affinity terms may go anywhere.
 */
import { matches } from '../../../api/selectors/labels.ts';
import type { NodeInfo } from '../../node-info.ts';
import type { PodInfo } from '../../pod-info.ts';
import { SKIP, status, type ClusterView, type FilterPlugin } from '../../types.ts';
import { termCoversNamespace, termMatchesPod, type AffinityTerm } from '../../util/affinity-term.ts';

export const NAME = 'InterPodAffinity';
export const ERR_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
const REJECT_AFFINITY = status(NAME, 'UnschedulableAndUnresolvable', ERR_AFFINITY);
const REJECT_ANTI = status(NAME, 'Unschedulable', ERR_ANTI_AFFINITY);
const REJECT_EXISTING = status(NAME, 'Unschedulable', ERR_EXISTING_ANTI_AFFINITY);

/** topologyKey → value → count */
export type DomainCounts = Map<string, Map<string, number>>;

export function bump(c: DomainCounts, key: string, value: string | undefined, by: number): void {
  if (value === undefined) return;
  let m = c.get(key);
  if (!m) c.set(key, (m = new Map()));
  m.set(value, (m.get(value) ?? 0) + by);
}

const countAt = (c: DomainCounts, key: string, node: NodeInfo) => {
  const v = node.labels[key];
  return v === undefined ? 0 : (c.get(key)?.get(v) ?? 0);
};

interface State {
  existingAnti: DomainCounts;
  affinity: DomainCounts;
  /** No pod matched all affinity terms, and the pod matches them itself. */
  affinitySelfMatch: boolean;
  anti: DomainCounts[];
}

/** Calls `fn(node, count)` for every node holding assigned pods matching `pred`, via the label groups. */
export function forEachMatching(
  view: ClusterView, coversNs: (ns: string) => boolean, pred: (labels: Readonly<Record<string, string>>) => boolean,
  fn: (node: NodeInfo, count: number) => void,
): void {
  for (const ns of view.namespaces()) {
    if (!coversNs(ns)) continue;
    for (const g of view.labelGroups(ns)) {
      if (!pred(g.labels)) continue;
      for (const [n, c] of g.byNode) if (n.node) fn(n, c);
    }
  }
}

export function preFilter(pod: PodInfo, view: ClusterView): State | typeof SKIP {
  const nsLabels = (ns: string) => view.namespaceLabels(ns);
  const existingAnti: DomainCounts = new Map();
  for (const e of view.podsWithRequiredAntiAffinity()) {
    const n = view.node(e.node);
    if (!n) continue;
    for (const t of e.info.requiredAntiAffinity) {
      if (termMatchesPod(t, pod.namespace, pod.labels, nsLabels)) bump(existingAnti, t.topologyKey, n.labels[t.topologyKey], 1);
    }
  }
  if (!pod.requiredAffinity.length && !pod.requiredAntiAffinity.length && !existingAnti.size) return SKIP;

  const affinity: DomainCounts = new Map();
  const aff = pod.requiredAffinity;
  if (aff.length) {
    const coversAll = (ns: string) => aff.every((t) => termCoversNamespace(t, ns, nsLabels));
    const matchesAll = (l: Readonly<Record<string, string>>) => aff.every((t) => matches(t.selector, l as Record<string, string>));
    forEachMatching(view, coversAll, matchesAll, (n, c) => { for (const t of aff) bump(affinity, t.topologyKey, n.labels[t.topologyKey], c); });
  }
  const selfMatch = aff.length > 0 && affinity.size === 0 &&
    aff.every((t: AffinityTerm) => termMatchesPod(t, pod.namespace, pod.labels, nsLabels));
  const anti = pod.requiredAntiAffinity.map((t) => {
    const c: DomainCounts = new Map();
    forEachMatching(view, (ns) => termCoversNamespace(t, ns, nsLabels), (l) => matches(t.selector, l as Record<string, string>),
      (n, k) => bump(c, t.topologyKey, n.labels[t.topologyKey], k));
    return c;
  });
  return { existingAnti, affinity, affinitySelfMatch: selfMatch, anti };
}

export const filter: FilterPlugin<State> = {
  name: NAME,
  preFilter,
  filter(s, pod, node) {
    for (const [key, values] of s.existingAnti) {
      const v = node.labels[key];
      if (v !== undefined && (values.get(v) ?? 0) > 0) return REJECT_EXISTING;
    }
    for (let i = 0; i < pod.requiredAntiAffinity.length; i++) {
      if (countAt(s.anti[i], pod.requiredAntiAffinity[i].topologyKey, node) > 0) return REJECT_ANTI;
    }
    if (pod.requiredAffinity.length && !s.affinitySelfMatch) {
      for (const t of pod.requiredAffinity) if (countAt(s.affinity, t.topologyKey, node) <= 0) return REJECT_AFFINITY;
    } else if (s.affinitySelfMatch) {
      // The first pod of its group: any node with every topology key will do.
      for (const t of pod.requiredAffinity) if (!(t.topologyKey in node.labels)) return REJECT_AFFINITY;
    }
    return undefined;
  },
};
