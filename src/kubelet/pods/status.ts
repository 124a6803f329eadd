/**
 * The pod status the kubelet writes (pkg/kubelet/kubelet_pods.go generateAPIPodStatus, with
 * status/status_manager.go's rules): phase, the kubelet's conditions with transition times
 * kept while a condition holds, container statuses of the three kinds, pod and host
 * addresses, startTime. PodScheduled, qosClass and anything else others own are kept from the
 * previous status. A terminal phase never changes back. Pure.
 */
import type { Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { initializedCondition, readyConditions, readyToStartCondition } from './conditions.ts';
import { rfc3339 } from '../../api/meta.ts';
import { containerStatuses, type ReasonCache } from './container-statuses.ts';
import type { ObservedPod } from './observed.ts';
import { getPhase, isTerminalPhase } from './phase.ts';
import { same } from './status-patch.ts';
import type { ProbeView } from '../prober/types.ts';

export interface StatusInput {
  reasons?: ReasonCache;
  hostIPs?: string[];
  probes?: ProbeView;
  /** Set by the kubelet itself (activeDeadlineSeconds): the pod failed for this reason. */
  failed?: { reason: string; message: string };
}

const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']);

export function podStatusFromRuntime(pod: DeepReadonly<Pod>, observed: ObservedPod, now: number, x: StatusInput = {}): PodStatus {
  const prev = (pod.status ?? {}) as PodStatus;
  const reasons = x.reasons ?? new Map();
  const probes = x.probes;
  const inits = pod.spec?.initContainers ?? [];
  const hasInits = inits.length > 0;
  const initStatuses = containerStatuses({ pod, observed, specs: inits, kind: 'init', reasons, defaultReason: 'PodInitializing', probes });
  const statuses = containerStatuses({
    pod, observed, specs: pod.spec?.containers ?? [], kind: 'regular', reasons,
    defaultReason: hasInits ? 'PodInitializing' : 'ContainerCreating', probes,
  });
  const ephemeral = containerStatuses({ pod, observed, specs: pod.spec?.ephemeralContainers ?? [], kind: 'ephemeral', reasons, defaultReason: 'ContainerCreating' });

  let phase = getPhase(pod, initStatuses, statuses);
  if (isTerminalPhase(prev.phase)) phase = prev.phase as typeof phase;
  else if (x.failed) phase = 'Failed';

  const sb = observed.sandboxes[0];
  const sandboxReady = !!sb?.ready && (!!pod.spec?.hostNetwork || !!sb.ip);
  const wanted = [
    readyToStartCondition(sandboxReady),
    initializedCondition(pod, initStatuses, statuses, phase),
    ...readyConditions(pod, initStatuses, statuses, phase),
  ];
  const nowStr = rfc3339(now);
  const conditions: PodCondition[] = wanted.map((c) => {
    const old = prev.conditions?.find((o) => o.type === c.type);
    const since = old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : nowStr;
    return { ...c, lastProbeTime: null as never, lastTransitionTime: since };
  });
  for (const c of prev.conditions ?? []) if (!KUBELET_CONDITIONS.has(c.type)) conditions.push(c);

  const status: PodStatus = { ...prev, phase, conditions, containerStatuses: statuses, startTime: prev.startTime ?? nowStr };
  if (x.failed && !isTerminalPhase(prev.phase)) { status.reason = x.failed.reason; status.message = x.failed.message; }
  if (hasInits) status.initContainerStatuses = initStatuses; else delete status.initContainerStatuses;
  if (ephemeral.length) status.ephemeralContainerStatuses = ephemeral; else delete status.ephemeralContainerStatuses;
  if (x.hostIPs?.length) { status.hostIP = x.hostIPs[0]; status.hostIPs = x.hostIPs.map((ip) => ({ ip })); }
  if (pod.spec?.hostNetwork && x.hostIPs?.length) {
    status.podIP = x.hostIPs[0]; status.podIPs = x.hostIPs.map((ip) => ({ ip }));
  } else if (sb?.ip) {
    status.podIP = sb.ip; status.podIPs = [sb.ip, ...(sb.extraIPs ?? [])].map((ip) => ({ ip }));
  }
  return status;
}

/** True when `a` and `b` say the same (the status manager skips unchanged writes). */
export const statusEqual = (a: DeepReadonly<PodStatus> | undefined, b: PodStatus): boolean => same(a ?? {}, b);
