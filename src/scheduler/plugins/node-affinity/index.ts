/**
 * NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity): the filter requires
 * `spec.nodeSelector` (every label equal) and the required node affinity terms (any term);
 * the score sums the weights of the preferred terms a node matches, normalised to 0–100.
 */
import { SKIP, status, type FilterPlugin, type ScorePlugin } from '../../types.ts';
import { anyTermMatches, termMatches } from '../../util/node-selector.ts';
import { defaultNormalize } from '../normalize.ts';
import type { NodeInfo } from '../../node-info.ts';
import type { PodInfo } from '../../pod-info.ts';

export const NAME = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
const REJECT = status(NAME, 'UnschedulableAndUnresolvable', ERR_REASON_POD);

/** Whether the node satisfies the pod's nodeSelector and required node affinity. */
export function nodeMatchesPod(pod: PodInfo, node: NodeInfo): boolean {
  const sel = pod.nodeSelector;
  if (sel) for (const k in sel) if (node.labels[k] !== sel[k]) return false;
  return !pod.requiredNodeTerms || anyTermMatches(pod.requiredNodeTerms, node.labels, node.name);
}

export const filter: FilterPlugin<true> = {
  name: NAME,
  preFilter: (pod) => (pod.nodeSelector || pod.requiredNodeTerms ? true : SKIP),
  filter: (_s, pod, node) => (nodeMatchesPod(pod, node) ? undefined : REJECT),
};

export const score: ScorePlugin<true> = {
  name: NAME,
  preScore: (pod) => (pod.preferredNodeTerms.length ? true : SKIP),
  score(_s, pod, node) {
    let sum = 0;
    for (const p of pod.preferredNodeTerms) if (p.weight && termMatches(p.term, node.labels, node.name)) sum += p.weight;
    return sum;
  },
  normalize: (_s, scores, n) => defaultNormalize(scores, n, false),
};
