/**
 * What to do next for one pod, from the desired pod and the observed runtime state: the
 * kubelet's computePodActions (pkg/kubelet/kuberuntime/kuberuntime_manager.go). Pure: the
 * worker executes the result step by step and calls this again on the next event.
 *
 * 1. The sandbox: none, not ready, several ready, or without an IP → kill everything and make
 *    a new one (attempt + 1), unless restartPolicy Never and containers already ran.
 * 2. Init containers in order: the next one not yet done starts; restartable ones (sidecars)
 *    start in order and are kept running; a failed one is restarted, or with restartPolicy
 *    Never the pod is killed.
 * 3. Containers: never started, or exited and the restart policy says so → start, unless the
 *    crash-loop back-off holds it; running with a changed spec hash → kill and start.
 * 4. Nothing running and nothing to start → kill the pod (sandbox included).
 *
 * Probes plug in through `probes` (src/kubelet/prober): a running container whose liveness or
 * startup probe failed is killed, and started again unless restartPolicy is Never; a sidecar
 * holds the later init containers back until its startup probe succeeded.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { formatDuration, type BackoffView } from './backoff.ts';
import { backoffKey, containerHash } from './hash.ts';
import { latestContainer, type ContainerKind, type ObservedContainer, type ObservedPod } from './observed.ts';
import { noProbes, type ProbeView } from '../prober/types.ts';

/** `grace`: the probe's own terminationGracePeriodSeconds, when a probe failure kills it. */
export interface ContainerToKill { id: string; name: string; reason: string; message: string; grace?: number }
export interface BackingOff { name: string; kind: ContainerKind; until: number; message: string }

export interface PodActions {
  killPod: boolean;
  createSandbox: boolean;
  /** The sandbox to start containers in (absent when one is to be created). */
  sandboxId?: string;
  /** Attempt number of the sandbox to create. */
  attempt: number;
  /** Restartable init containers (sidecars) to (re)start, in order, before `initContainerToStart`. */
  sidecarsToStart: string[];
  initContainerToStart?: string;
  containersToStart: string[];
  containersToKill: ContainerToKill[];
  ephemeralToStart: string[];
  /** Containers that would start but wait out their crash-loop back-off. */
  backingOff: BackingOff[];
  /** The earliest end of a back-off: sync again then. */
  nextBackoffAt?: number;
}

export interface PlanOptions {
  /** Probe results (startup, liveness, readiness) of running containers. */
  probes?: ProbeView;
}

type RO<T> = DeepReadonly<T>;

export const isSidecar = (c: RO<Container>) => c.restartPolicy === 'Always';
const restartPolicyOf = (pod: RO<Pod>) => pod.spec?.restartPolicy ?? 'Always';

/** kubecontainer.ShouldContainerBeRestarted for a regular container's newest instance. */
export function shouldRestart(policy: string, c: ObservedContainer | undefined): boolean {
  if (!c || c.state === 'created' || c.state === 'unknown') return true;
  if (c.state === 'running') return false;
  if (policy === 'Never') return false;
  if (policy === 'OnFailure' && c.exitCode === 0) return false;
  return true;
}

/** format.Pod: name_namespace(uid). */
export const podDesc = (pod: RO<Pod>) => `${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`;

export function computePodActions(pod: RO<Pod>, observed: ObservedPod, now: number, backoff: BackoffView, opts: PlanOptions = {}): PodActions {
  const policy = restartPolicyOf(pod);
  const uid = pod.metadata?.uid ?? '';
  const a: PodActions = {
    killPod: false, createSandbox: false, attempt: 0, sidecarsToStart: [], containersToStart: [],
    containersToKill: [], ephemeralToStart: [], backingOff: [],
  };
  const inits = pod.spec?.initContainers ?? [];
  const containers = pod.spec?.containers ?? [];

  // Starts `c` now unless its previous instance's exit puts it in back-off.
  const tryStart = (c: RO<Container>, kind: ContainerKind, prev: ObservedContainer | undefined, into: string[]): boolean => {
    if (prev?.state === 'exited' && prev.finishedAt !== undefined) {
      const key = backoffKey(uid, c.name, containerHash(c));
      const until = backoff.inBackoffUntil(key, prev.finishedAt, now);
      if (until !== undefined) {
        const message = `back-off ${formatDuration(backoff.delayOf(key))} restarting failed container=${c.name} pod=${podDesc(pod)}`;
        a.backingOff.push({ name: c.name, kind, until, message });
        a.nextBackoffAt = Math.min(a.nextBackoffAt ?? Infinity, until);
        return false;
      }
    }
    into.push(c.name);
    return true;
  };

  // 1. The sandbox.
  const sb = observed.sandboxes[0];
  const readyCount = observed.sandboxes.filter((s) => s.ready).length;
  const sandboxChanged = !sb || !sb.ready || readyCount > 1 || (!pod.spec?.hostNetwork && !sb.ip);
  if (sandboxChanged) {
    a.attempt = sb ? sb.attempt + 1 : 0;
    a.killPod = !!sb || observed.containers.some((c) => c.state === 'running');
    killRunning(a, observed, 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
    // A Never pod whose containers already ran does not come back (the real kubelet's rule).
    if (policy === 'Never' && a.attempt !== 0 && observed.containers.length > 0) return a;
    a.createSandbox = true;
    if (inits.length) {
      const first = inits[0];
      if (isSidecar(first)) a.sidecarsToStart.push(first.name); else a.initContainerToStart = first.name;
      return a;
    }
    for (const c of containers) {
      const prev = latestContainer(observed, c.name, 'regular');
      // OnFailure: a container that succeeded in the old sandbox stays done.
      if (policy === 'OnFailure' && prev?.state === 'exited' && prev.exitCode === 0) continue;
      a.containersToStart.push(c.name);
    }
    // Nothing to run in a new sandbox: do not make one.
    if (!a.containersToStart.length) a.createSandbox = false;
    return a;
  }
  a.sandboxId = sb.id;
  const inSandbox = (name: string, kind: ContainerKind) => latestContainer(observed, name, kind, sb.id);

  // Ephemeral containers start once and never restart.
  for (const e of pod.spec?.ephemeralContainers ?? []) if (!inSandbox(e.name, 'ephemeral')) a.ephemeralToStart.push(e.name);

  // 2. Init containers.
  const regularStarted = containers.some((c) => inSandbox(c.name, 'regular'));
  let initialized = true;
  for (const c of inits) {
    const cur = inSandbox(c.name, 'init');
    if (isSidecar(c)) {
      if (cur?.state === 'running') {
        if (restartIfChanged(a, c, cur, opts, 'init', policy)) a.sidecarsToStart.push(c.name);
        // Later init containers wait for this sidecar's startup probe (unless initialized before).
        else if (!regularStarted && !(opts.probes ?? noProbes).started(c, cur)) { initialized = false; break; }
        continue;
      }
      tryStart(c, 'init', cur, a.sidecarsToStart);
      // Later init containers wait for this sidecar to run, unless the pod was initialized before.
      if (!regularStarted) { initialized = false; break; }
      continue;
    }
    if (regularStarted) continue; // initialized before: init containers do not run again
    if (cur?.state === 'exited' && cur.exitCode === 0) continue;
    initialized = false;
    if (cur?.state === 'running') break;
    if (cur && (cur.state === 'exited' || cur.state === 'unknown') && policy === 'Never') {
      a.killPod = true; // init failed on a Never pod: the pod fails
      return a;
    }
    const into: string[] = [];
    if (tryStart(c, 'init', cur, into)) a.initContainerToStart = c.name;
    break;
  }
  if (!initialized) return a;

  // 3. Containers.
  let keep = 0;
  for (const c of containers) {
    const cur = inSandbox(c.name, 'regular');
    if (cur?.state === 'running') {
      if (restartIfChanged(a, c, cur, opts, 'regular', policy)) {
        // Killed for a probe or a new spec: started again, unless the policy is Never.
        if (policy !== 'Never' || a.containersToKill.at(-1)?.reason === 'SpecChanged') tryStart(c, 'regular', undefined, a.containersToStart);
      } else keep++;
      continue;
    }
    const prev = cur ?? latestContainer(observed, c.name, 'regular');
    if (shouldRestart(policy, prev)) tryStart(c, 'regular', prev, a.containersToStart);
  }

  // 4. Nothing left to run.
  if (keep === 0 && a.containersToStart.length === 0 && a.backingOff.length === 0) {
    a.killPod = true;
    a.sidecarsToStart = [];
    a.nextBackoffAt = undefined;
    killRunning(a, observed, 'PodCompleted', 'All containers of the pod have terminated.');
  }
  return a;
}

/** A running container whose spec changed or whose probe failed is killed (and restarted by the caller). */
function restartIfChanged(a: PodActions, c: RO<Container>, cur: ObservedContainer, opts: PlanOptions, kind: ContainerKind, policy: string): boolean {
  if (cur.hash && cur.hash !== containerHash(c)) {
    a.containersToKill.push({ id: cur.id, name: c.name, reason: 'SpecChanged', message: `Container ${c.name} definition changed, will be restarted` });
    return true;
  }
  const failed = (opts.probes ?? noProbes).failed(c, cur);
  if (failed) {
    // kuberuntime_manager.go computePodActions: "Container X failed liveness probe, will be restarted".
    const restart = kind === 'init' || policy !== 'Never';
    const probe = failed === 'liveness' ? c.livenessProbe : c.startupProbe;
    a.containersToKill.push({
      id: cur.id, name: c.name, reason: failed === 'liveness' ? 'LivenessProbe' : 'StartupProbe',
      message: `Container ${c.name} failed ${failed} probe${restart ? ', will be restarted' : ''}`,
      ...(probe?.terminationGracePeriodSeconds != null ? { grace: probe.terminationGracePeriodSeconds } : {}),
    });
    return true;
  }
  return false;
}

function killRunning(a: PodActions, observed: ObservedPod, reason: string, message: string): void {
  for (const c of observed.containers) {
    if (c.state === 'running' || c.state === 'created') a.containersToKill.push({ id: c.id, name: c.name, reason, message });
  }
}
