/**
 * TaintToleration (pkg/scheduler/framework/plugins/tainttoleration): the filter rejects a
 * node with a NoSchedule or NoExecute taint the pod does not tolerate, naming the first one;
 * the score counts untolerated PreferNoSchedule taints, fewer being better (reverse-normalised).
 */
import type { Toleration } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../../client/freeze.ts';
import type { NodeInfo } from '../../node-info.ts';
import { status, type FilterPlugin, type ScorePlugin, type Status } from '../../types.ts';
import { toleratedBy } from '../../util/taints.ts';
import { defaultNormalize } from '../normalize.ts';

export const NAME = 'TaintToleration';
export const untoleratedReason = (key: string, value: string) => `node(s) had untolerated taint {${key}: ${value}}`;

export const filter: FilterPlugin<undefined> = {
  name: NAME,
  filter(_s, pod, node): Status | undefined {
    if (!node.hasHardTaints) return undefined; // the common case, without touching the taints
    for (const t of node.taints) {
      if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
      if (!toleratedBy(pod.tolerations, t)) return status(NAME, 'UnschedulableAndUnresolvable', untoleratedReason(t.key, t.value ?? ''));
    }
    return undefined;
  },
};

type Tols = readonly DeepReadonly<Toleration>[];

/** Untolerated PreferNoSchedule taints of the node. */
function untolerated(tols: Tols, node: NodeInfo): number {
  if (!node.hasPreferTaints) return 0;
  let n = 0;
  for (const t of node.taints) if (t.effect === 'PreferNoSchedule' && !toleratedBy(tols, t)) n++;
  return n;
}

export const score: ScorePlugin<Tols> = {
  name: NAME,
  // Only tolerations that can apply to PreferNoSchedule taints count (getAllTolerationPreferNoSchedule).
  preScore: (pod) => pod.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule'),
  score: (tols, _pod, node) => untolerated(tols, node),
  scoreAll(tols, _pod, nodes, out) {
    for (let i = 0; i < nodes.length; i++) out[i] = untolerated(tols, nodes[i]);
  },
  normalize: (_s, scores, n) => defaultNormalize(scores, n, true),
};
