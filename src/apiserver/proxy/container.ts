/**
 * Which container a pods/log (or exec, attach) request is about, and whether it has logs to
 * give yet. The choice follows pkg/registry/core/pod/strategy.go (validateContainer); the
 * state checks are the kubelet's (pkg/kubelet/kubelet_pods.go validateContainerLogStatus),
 * answered here from the pod's reported status so the error does not need a node round trip.
 */
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { badRequest } from '../../api/errors.ts';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** The requested container, else the only one, else the annotated default; throws 400 otherwise. */
export function pickContainer(pod: Pod, requested: string | null | undefined): string {
  const name = pod.metadata?.name ?? '';
  const spec = pod.spec;
  const main = (spec?.containers ?? []).map((c) => c.name);
  if (requested) {
    const all = [...main, ...(spec?.initContainers ?? []).map((c) => c.name), ...(spec?.ephemeralContainers ?? []).map((c) => c.name)];
    if (!all.includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${name}`);
    return requested;
  }
  if (main.length === 1) return main[0];
  // kubectl reads this annotation itself; honouring it here serves other clients the same way.
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated && main.includes(annotated)) return annotated;
  if (main.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
  const init = (spec?.initContainers ?? []).map((c) => c.name);
  const eph = (spec?.ephemeralContainers ?? []).map((c) => c.name);
  throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${main.join(' ')}]`
    + (init.length ? ` or one of the init containers: [${init.join(' ')}]` : '')
    + (eph.length ? ` or one of the ephemeral containers: [${eph.join(' ')}]` : ''));
}

/** Why the container has no log to read (the kubelet's 400 message), or undefined when it has one. */
export function logUnavailable(pod: Pod, container: string, previous: boolean): string | undefined {
  const podName = pod.metadata?.name ?? '';
  const st = pod.status;
  const status = [...(st?.containerStatuses ?? []), ...(st?.initContainerStatuses ?? []), ...(st?.ephemeralContainerStatuses ?? [])]
    .find((s) => s.name === container);
  if (!status) return `container "${container}" in pod "${podName}" is waiting to start - no logs yet`;
  const last = status.lastState?.terminated;
  const { running, terminated, waiting } = status.state ?? {};
  if (previous) return last?.containerID ? undefined : `previous terminated container "${container}" in pod "${podName}" not found`;
  if (running) return undefined;
  if (terminated) return terminated.containerID || last?.containerID ? undefined : `container "${container}" in pod "${podName}" is terminated`;
  if (last) return last.containerID ? undefined : `container "${container}" in pod "${podName}" is terminated`;
  if (waiting) {
    const why = waiting.reason === 'ErrImagePull' ? "image can't be pulled"
      : waiting.reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : waiting.reason ?? '';
    return `container "${container}" in pod "${podName}" is waiting to start: ${why}`;
  }
  return `container "${container}" in pod "${podName}" is waiting to start - no logs yet`;
}
