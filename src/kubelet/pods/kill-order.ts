/**
 * The order a pod's containers stop in (kuberuntime_termination_order.go): everything but the
 * sidecars together first, then the sidecars one by one in reverse spec order, so a sidecar
 * (a log shipper, a proxy) outlives the containers it serves. Pure.
 */
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { ObservedContainer } from './observed.ts';

export function killStages(pod: DeepReadonly<Pod> | undefined, live: readonly ObservedContainer[]): ObservedContainer[][] {
  const sidecars = (pod?.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name);
  const isSidecar = (c: ObservedContainer) => c.kind === 'init' && sidecars.includes(c.name);
  const first = live.filter((c) => !isSidecar(c));
  const stages = first.length ? [first] : [];
  for (const name of [...sidecars].reverse()) {
    const l = live.filter((c) => isSidecar(c) && c.name === name);
    if (l.length) stages.push(l);
  }
  return stages;
}

/**
 * The SIGTERM-to-SIGKILL wait left after a preStop hook took `hookSeconds`: never under 2 s
 * (minimumGracePeriodInSeconds) unless the grace itself is shorter (a forced deletion: 0).
 */
export function graceAfterHook(grace: number, hookSeconds: number): number {
  return Math.max(grace - hookSeconds, Math.min(2, grace));
}
