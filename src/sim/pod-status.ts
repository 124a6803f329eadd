/**
 * The status a kubelet would report for a pod whose containers all started: phase Running,
 * the pod and host addresses, the five pod conditions and one status per container
 * (pkg/kubelet/kubelet_pods.go generateAPIPodStatus, pkg/kubelet/status/generate.go).
 * Nothing runs: container and image ids use the `sim://` scheme.
 *
 * Simplification (documented): every pod runs until deleted, whatever its restartPolicy or
 * command; init containers are reported Completed, sidecars (restartPolicy Always) running.
 */
import { normalizeImage } from '../api/image-ref.ts';
import type { ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../client/freeze.ts';
import { SIM_ID_SCHEME } from './labels.ts';
import { rfc3339 } from '../api/meta.ts';

export interface RunningInput {
  podIP: string;
  hostIP: string;
  /** When the agent first saw the pod on its node (status.startTime). */
  startTime: Date;
  /** When the containers "started". */
  now: Date;
}

const containerId = (uid: string, name: string) => `${SIM_ID_SCHEME}${uid}-${name}`;

/** The strategic-merge body for pods/status that moves `pod` to Running. */
export function runningPodStatus(pod: DeepReadonly<Pod>, x: RunningInput): PodStatus {
  const now = rfc3339(x.now);
  const uid = pod.metadata?.uid ?? '';
  const cond = (type: string): PodCondition => ({ type, status: 'True', lastTransitionTime: now });
  const conditions = ['PodReadyToStartContainers', 'Initialized', 'ContainersReady', 'Ready'].map(cond);
  // The scheduler writes PodScheduled with its own time; only a pod bound by hand lacks it.
  if (!pod.status?.conditions?.some((c) => c.type === 'PodScheduled')) conditions.unshift(cond('PodScheduled'));
  const base = (name: string, image: string) => {
    const img = normalizeImage(image);
    return { name, image: img, imageID: `${SIM_ID_SCHEME}${img}`, containerID: containerId(uid, name), restartCount: 0, lastState: {} };
  };
  const running = (name: string, image: string): ContainerStatus => ({
    ...base(name, image), ready: true, started: true, state: { running: { startedAt: now } },
  });
  const initContainerStatuses = (pod.spec?.initContainers ?? []).map((c): ContainerStatus => c.restartPolicy === 'Always'
    ? running(c.name, c.image ?? '')
    : { ...base(c.name, c.image ?? ''), ready: true, started: false,
        state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: now, finishedAt: now, containerID: containerId(uid, c.name) } } });
  const status: PodStatus = {
    phase: 'Running',
    conditions,
    hostIP: x.hostIP,
    hostIPs: [{ ip: x.hostIP }],
    podIP: x.podIP,
    podIPs: [{ ip: x.podIP }],
    startTime: rfc3339(x.startTime),
    containerStatuses: (pod.spec?.containers ?? []).map((c) => running(c.name, c.image ?? '')),
  };
  if (initContainerStatuses.length) status.initContainerStatuses = initContainerStatuses;
  return status;
}

export { normalizeImage };
