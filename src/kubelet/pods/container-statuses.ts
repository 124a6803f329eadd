/**
 * Container statuses as the kubelet reports them (pkg/kubelet/kubelet_pods.go
 * convertToAPIContainerStatuses): the newest runtime instance gives the state, the one before
 * it the lastState; a container that never ran waits as ContainerCreating (PodInitializing
 * behind init containers); a container the kubelet could not (re)start waits with the reason
 * it recorded (CrashLoopBackOff, ErrImagePull, ImagePullBackOff, CreateContainerError …) and
 * its last exit moves to lastState.
 */
import type { Container, ContainerState, ContainerStatus, Pod } from 'kubernetes-types/core/v1.d.ts';
import { rfc3339 } from '../../api/meta.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { CONTAINER_ID_SCHEME } from '../labels.ts';
import { normalizeImage } from './image-name.ts';
import { instancesOf, type ContainerKind, type ObservedContainer, type ObservedPod } from './observed.ts';
import { shouldRestart } from './plan.ts';
import { noProbes, type ProbeView } from '../prober/types.ts';

/** What the last sync could not do for a container (the kubelet's reasonCache). */
export interface WaitingReason { reason: string; message: string }
/** Keyed by `${kind}/${name}`. */
export type ReasonCache = ReadonlyMap<string, WaitingReason>;
export const reasonKey = (kind: ContainerKind, name: string) => `${kind}/${name}`;


export function stateOf(c: ObservedContainer): ContainerState {
  if (c.state === 'running') return { running: { startedAt: rfc3339(c.startedAt ?? c.createdAt) } };
  if (c.state === 'exited') {
    const exitCode = c.exitCode ?? 0;
    return {
      terminated: {
        exitCode, reason: c.reason || (exitCode === 0 ? 'Completed' : 'Error'),
        ...(c.message ? { message: c.message } : {}),
        startedAt: rfc3339(c.startedAt ?? c.createdAt), finishedAt: rfc3339(c.finishedAt ?? c.createdAt),
        containerID: CONTAINER_ID_SCHEME + c.id,
      },
    };
  }
  return { waiting: {} };
}

export interface ConvertInput {
  pod: DeepReadonly<Pod>;
  observed: ObservedPod;
  specs: readonly DeepReadonly<Container>[];
  kind: ContainerKind;
  reasons: ReasonCache;
  /** The default waiting reason of a container that has no instance yet. */
  defaultReason: string;
  /** Startup and readiness results (prober_manager.go UpdatePodStatus). */
  probes?: ProbeView;
}

export function containerStatuses(x: ConvertInput): ContainerStatus[] {
  const policy = x.pod.spec?.restartPolicy ?? 'Always';
  return x.specs.map((spec) => {
    const all = instancesOf(x.observed, spec.name, x.kind);
    const [cur, prev] = all;
    const s: ContainerStatus = {
      name: spec.name, image: normalizeImage(spec.image ?? ''), imageID: '', ready: false, restartCount: 0, started: false,
      state: { waiting: { reason: x.defaultReason } }, lastState: {},
    };
    if (cur) {
      Object.assign(s, {
        image: normalizeImage(cur.image || spec.image || ''), imageID: cur.imageRef ?? '', containerID: CONTAINER_ID_SCHEME + cur.id,
        restartCount: cur.restartCount, state: stateOf(cur),
      });
      if (prev?.state === 'exited') s.lastState = stateOf(prev);
      // An init container is ready once it succeeded; a sidecar or container once started (startup
      // probe passed) while its readiness probe passes; an ephemeral container never.
      const probes = x.probes ?? noProbes;
      const running = cur.state === 'running';
      s.started = running && probes.started(spec, cur);
      if (x.kind === 'init' && spec.restartPolicy !== 'Always') s.ready = cur.state === 'exited' && cur.exitCode === 0;
      else s.ready = x.kind !== 'ephemeral' && s.started && probes.ready(spec, cur);
    }
    // A container the next sync will (re)start waits with the reason the last sync recorded.
    const why = x.reasons.get(reasonKey(x.kind, spec.name));
    const restartable = x.kind === 'init' && spec.restartPolicy === 'Always' ? 'Always' : policy;
    const doneInit = x.kind === 'init' && cur?.state === 'exited' && cur.exitCode === 0 && spec.restartPolicy !== 'Always';
    if (why && !doneInit && x.kind !== 'ephemeral' && shouldRestart(restartable, cur)) {
      if (s.state?.terminated) s.lastState = s.state;
      s.state = { waiting: { reason: why.reason, ...(why.message ? { message: why.message } : {}) } };
    }
    return s;
  });
}
