/**
 * Pod resources into CRI Linux resources, as pkg/kubelet/kuberuntime/kuberuntime_container_linux.go
 * and pkg/kubelet/cm/helpers_linux.go do: cpu shares from the request (the limit when only a
 * limit is set; at least 2), a CFS quota from the cpu limit over a 100 ms period, the memory
 * limit in bytes, and an OOM score by QoS class (pkg/kubelet/qos/policy.go).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { milliValue, parseQuantity, quantityValue } from '../../api/quantity.ts';
import type { In, LinuxContainerResources } from '../cri/types.ts';

const MIN_SHARES = 2, SHARES_PER_CPU = 1024, QUOTA_PERIOD = 100_000, MIN_QUOTA = 1000;

const milli = (v: unknown) => (v === undefined ? 0 : milliValue(parseQuantity(String(v))));
const bytes = (v: unknown) => (v === undefined ? 0 : quantityValue(parseQuantity(String(v))));

export function milliCPUToShares(m: number): number {
  return m === 0 ? MIN_SHARES : Math.max(MIN_SHARES, Math.floor((m * SHARES_PER_CPU) / 1000));
}

export function qosClass(pod: DeepReadonly<Pod>): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  if (pod.status?.qosClass) return pod.status.qosClass as 'Guaranteed' | 'Burstable' | 'BestEffort';
  const cs = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const any = cs.some((c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length);
  if (!any) return 'BestEffort';
  const full = cs.every((c) => ['cpu', 'memory'].every((r) => {
    const l = c.resources?.limits?.[r], q = c.resources?.requests?.[r] ?? l;
    return l !== undefined && String(l) === String(q);
  }));
  return full ? 'Guaranteed' : 'Burstable';
}

function oomScoreAdj(pod: DeepReadonly<Pod>, c: DeepReadonly<Container>, memoryCapacity: number): number {
  const q = qosClass(pod);
  if (q === 'Guaranteed') return -997;
  if (q === 'BestEffort') return 1000;
  const req = bytes(c.resources?.requests?.memory);
  const adj = 1000 - Math.floor((1000 * req) / Math.max(1, memoryCapacity));
  return Math.min(999, Math.max(2, adj));
}

export function linuxResources(pod: DeepReadonly<Pod>, c: DeepReadonly<Container>, memoryCapacity: number): In<LinuxContainerResources> {
  const reqCPU = milli(c.resources?.requests?.cpu), limCPU = milli(c.resources?.limits?.cpu);
  const r: In<LinuxContainerResources> = {
    cpuShares: milliCPUToShares(reqCPU === 0 && limCPU !== 0 ? limCPU : reqCPU),
    oomScoreAdj: oomScoreAdj(pod, c, memoryCapacity),
  };
  if (limCPU) { r.cpuPeriod = QUOTA_PERIOD; r.cpuQuota = Math.max(MIN_QUOTA, Math.floor((limCPU * QUOTA_PERIOD) / 1000)); }
  const mem = bytes(c.resources?.limits?.memory);
  if (mem) r.memoryLimitInBytes = mem;
  return r;
}
