/**
 * NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go): the filter checks
 * the pod count and each requested resource against `status.allocatable` minus what the
 * node's pods (assumed ones included) already request, reporting every shortfall; the score
 * is LeastAllocated over cpu and memory (weight 1 each) using non-zero requests: the share
 * left free, 0–100, averaged by weight.
 */
import type { NodeInfo } from '../../node-info.ts';
import type { PodInfo } from '../../pod-info.ts';
import { MAX_NODE_SCORE, status, type FilterPlugin, type ScorePlugin, type Status } from '../../types.ts';

export const NAME = 'NodeResourcesFit';
export const TOO_MANY_PODS = 'Too many pods';
const INSUFFICIENT = (r: string) => `Insufficient ${r}`;
const ONE: Record<string, Status> = Object.fromEntries(
  [TOO_MANY_PODS, ...['cpu', 'memory', 'ephemeral-storage'].map(INSUFFICIENT)].map((r) => [r, status(NAME, 'Unschedulable', r)]),
);

/** The reasons the pod does not fit (empty: fits), in Kubernetes' order. */
export function insufficient(pod: PodInfo, node: NodeInfo): string[] | undefined {
  let out: string[] | undefined;
  const push = (r: string) => (out ??= []).push(r);
  if (node.pods.size + 1 > node.allowedPods) push(TOO_MANY_PODS);
  const req = pod.requests;
  const a = node.allocatable;
  const used = node.requested;
  if (req.milliCPU > 0 && req.milliCPU > a.milliCPU - used.milliCPU) push(INSUFFICIENT('cpu'));
  if (req.memory > 0 && req.memory > a.memory - used.memory) push(INSUFFICIENT('memory'));
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > a.ephemeralStorage - used.ephemeralStorage) push(INSUFFICIENT('ephemeral-storage'));
  if (req.scalar) {
    for (const [name, q] of req.scalar) {
      if (q > 0 && q > (a.scalar?.get(name) ?? 0) - (used.scalar?.get(name) ?? 0)) push(INSUFFICIENT(name));
    }
  }
  return out;
}

export const filter: FilterPlugin<undefined> = {
  name: NAME,
  filter(_s, pod, node) {
    const r = insufficient(pod, node);
    if (!r) return undefined;
    return r.length === 1 && ONE[r[0]] ? ONE[r[0]] : status(NAME, 'Unschedulable', ...r);
  },
};

/** leastRequestedScore: the free share of one resource, 0 when over-committed or unknown. */
export function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export const score: ScorePlugin<undefined> = {
  name: NAME,
  score(_s, pod, node) {
    const a = node.allocatable;
    const nz = node.nonZeroRequested;
    let sum = 0;
    let weights = 0;
    if (a.milliCPU > 0) { sum += leastRequested(nz.milliCPU + pod.nonZeroRequests.milliCPU, a.milliCPU); weights++; }
    if (a.memory > 0) { sum += leastRequested(nz.memory + pod.nonZeroRequests.memory, a.memory); weights++; }
    return weights ? Math.trunc(sum / weights) : 0;
  },
};
