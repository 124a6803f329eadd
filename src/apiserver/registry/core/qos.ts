/**
 * A pod's QoS class from its containers' requests and limits
 * (k8s.io/kubernetes/pkg/apis/core/helper/qos): Guaranteed when every container has cpu and
 * memory limits equal to requests, BestEffort when none has any, else Burstable.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import { parseQuantity, compareQuantity } from '../../../api/quantity.ts';

export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      const q = req[r] ?? lim[r];
      if (q !== undefined && !isZero(String(q))) any = true;
      if (lim[r] === undefined) { guaranteed = false; continue; }
      if (req[r] !== undefined && compareQuantity(parseQuantity(String(req[r])), parseQuantity(String(lim[r]))) !== 0) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function isZero(q: string): boolean {
  try { return compareQuantity(parseQuantity(q), parseQuantity('0')) === 0; } catch { return false; }
}
