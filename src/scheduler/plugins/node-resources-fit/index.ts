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
const CPU = INSUFFICIENT('cpu');
const MEMORY = INSUFFICIENT('memory');
const EPHEMERAL = INSUFFICIENT('ephemeral-storage');
const ONE: Record<string, Status> = Object.fromEntries(
  [TOO_MANY_PODS, CPU, MEMORY, EPHEMERAL].map((r) => [r, status(NAME, 'Unschedulable', r)]),
);

/**
 * The reasons the pod does not fit (undefined: fits), in Kubernetes' order. Reads the
 * NodeInfo's flat fields and allocates nothing when the pod fits (it runs for hundreds of
 * nodes per pod); only extended resources look into the maps.
 */
export function insufficient(pod: PodInfo, node: NodeInfo): string[] | undefined {
  let out: string[] | undefined;
  if (node.podCount + 1 > node.allowedPods) out = [TOO_MANY_PODS];
  const req = pod.requests;
  if (req.milliCPU > 0 && req.milliCPU > node.allocMilliCPU - node.reqMilliCPU) (out ??= []).push(CPU);
  if (req.memory > 0 && req.memory > node.allocMemory - node.reqMemory) (out ??= []).push(MEMORY);
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > node.allocEphemeralStorage - node.reqEphemeralStorage) (out ??= []).push(EPHEMERAL);
  if (req.scalar) {
    const a = node.allocatable.scalar;
    const used = node.requested.scalar;
    for (const [name, q] of req.scalar) {
      if (q > 0 && q > (a?.get(name) ?? 0) - (used?.get(name) ?? 0)) (out ??= []).push(INSUFFICIENT(name));
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

function leastAllocated(podCPU: number, podMemory: number, node: NodeInfo): number {
  let sum = 0;
  let weights = 0;
  if (node.allocMilliCPU > 0) { sum += leastRequested(node.nonZeroMilliCPU + podCPU, node.allocMilliCPU); weights++; }
  if (node.allocMemory > 0) { sum += leastRequested(node.nonZeroMemory + podMemory, node.allocMemory); weights++; }
  return weights ? Math.trunc(sum / weights) : 0;
}

export const score: ScorePlugin<undefined> = {
  name: NAME,
  score: (_s, pod, node) => leastAllocated(pod.nonZeroRequests.milliCPU, pod.nonZeroRequests.memory, node),
  scoreAll(_s, pod, nodes, out) {
    const cpu = pod.nonZeroRequests.milliCPU;
    const mem = pod.nonZeroRequests.memory;
    for (let i = 0; i < nodes.length; i++) out[i] = leastAllocated(cpu, mem, nodes[i]);
  },
};
