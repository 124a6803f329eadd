/**
 * PodTopologySpread scoring with the system default constraints
 * (pkg/scheduler/framework/plugins/podtopologyspread/scoring.go, DefaultConstraints in
 * pkg/scheduler/apis/config/v1/default_plugins.go): spread the pods that the pod's owners
 * select (e.g. its ReplicaSet) over `kubernetes.io/hostname` (maxSkew 3) and
 * `topology.kubernetes.io/zone` (maxSkew 5), both ScheduleAnyway.
 *
 * Per node: Σ over constraints the node has a label for of
 *   matchingPods(node's domain) × log(domains + 2) + (maxSkew − 1),
 * rounded; then normalised so that the emptiest domain scores 100:
 *   100 × (max + min − score) / max. Nodes missing every key are ignored (score 0).
 * Counting honours the pod's node affinity for domains other than the hostname.
 * Pods with their own topologySpreadConstraints are left alone (not implemented).
 */
import type { Selector } from '../../../api/selectors/labels.ts';
import { matches } from '../../../api/selectors/labels.ts';
import type { NodeInfo } from '../../node-info.ts';
import type { PodInfo } from '../../pod-info.ts';
import { MAX_NODE_SCORE, SKIP, type ClusterView, type DefaultSpreadSelector, type ScorePlugin } from '../../types.ts';
import { nodeMatchesPod } from '../node-affinity/index.ts';

export const NAME = 'PodTopologySpread';

interface State {
  /** Matching pods per node. */
  byNode: ReadonlyMap<NodeInfo, number>;
  hostWeight: number;
  /** Matching pods per zone (only zones of feasible nodes); undefined when no feasible node has a zone. */
  byZone: Map<string, number> | undefined;
  zoneWeight: number;
}

/** Nodes with neither key take no part (scored −1 here, 0 after normalize). */
const ignored = (n: NodeInfo) => !n.hasHostnameLabel && n.zone === undefined;

function spreadScore(s: State, node: NodeInfo): number {
  if (ignored(node)) return -1; // marks it for normalize
  let score = 0;
  if (node.hasHostnameLabel) score += (s.byNode.get(node) ?? 0) * s.hostWeight + (HOST_SKEW - 1);
  const zone = node.zone;
  if (zone !== undefined && s.byZone) score += (s.byZone.get(zone) ?? 0) * s.zoneWeight + (ZONE_SKEW - 1);
  return Math.round(score);
}

const HOST_SKEW = 3;
const ZONE_SKEW = 5;

/** Matching pods per node, from the cache's label groups (no copy when one group matches). */
function countByNode(view: ClusterView, ns: string, sel: Selector): ReadonlyMap<NodeInfo, number> {
  let only: ReadonlyMap<NodeInfo, number> | undefined;
  let merged: Map<NodeInfo, number> | undefined;
  for (const g of view.labelGroups(ns)) {
    if (!matches(sel, g.labels as Record<string, string>)) continue;
    if (!only && !merged) { only = g.byNode; continue; }
    if (!merged) { merged = new Map(only); only = undefined; }
    for (const [n, c] of g.byNode) merged.set(n, (merged.get(n) ?? 0) + c);
  }
  return merged ?? only ?? new Map();
}

export function newScorePlugin(selectorFor: DefaultSpreadSelector): ScorePlugin<State> {
  return {
    name: NAME,
    preScore(pod: PodInfo, nodes: readonly NodeInfo[], view: ClusterView) {
      if (pod.pod.spec?.topologySpreadConstraints?.length) return SKIP;
      const sel = selectorFor(pod);
      if (!sel || sel.nothing || sel.requirements.length === 0) return SKIP;
      let hosts = 0;
      let byZone: Map<string, number> | undefined;
      for (const n of nodes) {
        if (n.hasHostnameLabel) hosts++;
        const zone = n.zone;
        if (zone !== undefined && !byZone?.has(zone)) (byZone ??= new Map()).set(zone, 0);
      }
      const byNode = countByNode(view, pod.namespace, sel);
      if (byZone && !pod.nodeSelector && !pod.requiredNodeTerms) {
        // Every node counts: the cache's per-zone totals of the matching groups will do.
        for (const g of view.labelGroups(pod.namespace)) {
          if (!matches(sel, g.labels as Record<string, string>)) continue;
          for (const [zone, c] of g.byZone) { const had = byZone.get(zone); if (had !== undefined) byZone.set(zone, had + c); }
        }
      } else if (byZone) {
        for (const [n, c] of byNode) {
          const zone = n.node ? n.zone : undefined;
          if (zone === undefined || !byZone.has(zone) || !nodeMatchesPod(pod, n)) continue;
          byZone.set(zone, byZone.get(zone)! + c);
        }
      }
      return {
        byNode, byZone,
        hostWeight: Math.log(hosts + 2), zoneWeight: Math.log((byZone?.size ?? 0) + 2),
      };
    },
    score: (s, _pod, node) => spreadScore(s, node),
    scoreAll(s, _pod, nodes, out) {
      for (let i = 0; i < nodes.length; i++) out[i] = spreadScore(s, nodes[i]);
    },
    normalize(_s, scores, n) {
      // Ignored nodes (−1) take no part in min and max, and end at 0.
      let min = Infinity;
      let max = 0;
      for (let i = 0; i < n; i++) {
        if (scores[i] < 0) continue;
        if (scores[i] < min) min = scores[i];
        if (scores[i] > max) max = scores[i];
      }
      for (let i = 0; i < n; i++) {
        if (scores[i] < 0) { scores[i] = 0; continue; }
        scores[i] = max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
      }
    },
  };
}
