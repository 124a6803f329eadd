/**
 * NodeResourcesBalancedAllocation (pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go):
 * favours nodes whose cpu and memory would be used in equal shares after placing the pod:
 * 100 × (1 − standard deviation of the requested fractions). Actual requests (not the
 * non-zero defaults) are used, and pods requesting nothing are skipped.
 */
import type { NodeInfo } from '../../node-info.ts';
import { MAX_NODE_SCORE, SKIP, type ScorePlugin } from '../../types.ts';

export const NAME = 'NodeResourcesBalancedAllocation';

/** The score for requested fractions (each capped at 1). */
export function balancedScore(fractions: readonly number[]): number {
  if (fractions.length === 0) return 0;
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2);
  else if (fractions.length > 2) {
    const mean = fractions.reduce((a, b) => a + b, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((a, f) => a + (f - mean) ** 2, 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

function balanced(podCPU: number, podMemory: number, node: NodeInfo): number {
  let cpu = -1;
  let mem = -1;
  if (node.allocMilliCPU > 0) cpu = Math.min(1, (node.reqMilliCPU + podCPU) / node.allocMilliCPU);
  if (node.allocMemory > 0) mem = Math.min(1, (node.reqMemory + podMemory) / node.allocMemory);
  if (cpu >= 0 && mem >= 0) return Math.trunc((1 - Math.abs(cpu - mem) / 2) * MAX_NODE_SCORE);
  return cpu >= 0 || mem >= 0 ? MAX_NODE_SCORE : 0;
}

export const score: ScorePlugin<undefined> = {
  name: NAME,
  preScore: (pod) => (pod.requests.milliCPU === 0 && pod.requests.memory === 0 ? SKIP : undefined),
  score: (_s, pod, node) => balanced(pod.requests.milliCPU, pod.requests.memory, node),
  scoreAll(_s, pod, nodes, out) {
    const cpu = pod.requests.milliCPU;
    const mem = pod.requests.memory;
    for (let i = 0; i < nodes.length; i++) out[i] = balanced(cpu, mem, nodes[i]);
  },
};
