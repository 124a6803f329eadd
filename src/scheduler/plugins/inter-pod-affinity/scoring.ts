/**
 * InterPodAffinity score (pkg/scheduler/framework/plugins/interpodaffinity/scoring.go): each
 * domain (key=value) collects
 * + weight for every pod matching one of the incoming pod's preferred affinity terms,
 * − weight for every pod matching one of its preferred anti-affinity terms,
 * and, the other way round, for existing pods whose terms match the incoming pod:
 * + 1 (hardPodAffinityWeight) per required affinity term, ± weight per preferred term.
 * A node scores the sum over its labels' domains; scores are then min–max normalised to 0–100.
 */
import { matches } from '../../../api/selectors/labels.ts';
import type { NodeInfo } from '../../node-info.ts';
import type { PodInfo } from '../../pod-info.ts';
import { MAX_NODE_SCORE, SKIP, type ClusterView, type ScorePlugin } from '../../types.ts';
import { termCoversNamespace, termMatchesPod, type AffinityTerm } from '../../util/affinity-term.ts';
import { bump, forEachMatching, NAME, type DomainCounts } from './filtering.ts';

export const HARD_POD_AFFINITY_WEIGHT = 1;

export function preScore(pod: PodInfo, _nodes: readonly NodeInfo[], view: ClusterView): DomainCounts | typeof SKIP {
  const nsLabels = (ns: string) => view.namespaceLabels(ns);
  const mine = pod.preferredAffinity.length + pod.preferredAntiAffinity.length > 0;
  const scores: DomainCounts = new Map();
  const addTerm = (t: AffinityTerm, sign: number) => forEachMatching(
    view, (ns) => termCoversNamespace(t, ns, nsLabels), (l) => matches(t.selector, l as Record<string, string>),
    (n, c) => bump(scores, t.topologyKey, n.labels[t.topologyKey], sign * t.weight * c),
  );
  for (const t of pod.preferredAffinity) addTerm(t, 1);
  for (const t of pod.preferredAntiAffinity) addTerm(t, -1);
  let others = false;
  for (const e of view.podsWithAffinity()) {
    others = true;
    const n = view.node(e.node);
    if (!n) continue;
    const theirs = (ts: readonly AffinityTerm[], w: (t: AffinityTerm) => number) => {
      for (const t of ts) if (termMatchesPod(t, pod.namespace, pod.labels, nsLabels)) bump(scores, t.topologyKey, n.labels[t.topologyKey], w(t));
    };
    theirs(e.info.requiredAffinity, () => HARD_POD_AFFINITY_WEIGHT);
    theirs(e.info.preferredAffinity, (t) => t.weight);
    theirs(e.info.preferredAntiAffinity, (t) => -t.weight);
  }
  return mine || others ? scores : SKIP;
}

export const score: ScorePlugin<DomainCounts> = {
  name: NAME,
  preScore,
  score(s, _pod, node) {
    let sum = 0;
    for (const [key, values] of s) {
      const v = node.labels[key];
      if (v !== undefined) sum += values.get(v) ?? 0;
    }
    return sum;
  },
  normalize(_s, scores, n) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) { min = Math.min(min, scores[i]); max = Math.max(max, scores[i]); }
    const diff = max - min;
    for (let i = 0; i < n; i++) scores[i] = diff > 0 ? Math.trunc((MAX_NODE_SCORE * (scores[i] - min)) / diff) : 0;
  },
};
