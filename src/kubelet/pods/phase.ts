/**
 * The pod phase from its container statuses (pkg/kubelet/kubelet_pods.go getPhase):
 * Pending while init containers or containers wait, Running while one runs, and when all have
 * stopped Succeeded/Failed by exit codes and restart policy (Always keeps Running: they will
 * be restarted). Sidecars (restartable init containers) do not decide the end of a pod.
 */
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export function getPhase(pod: DeepReadonly<Pod>, inits: readonly ContainerStatus[], containers: readonly ContainerStatus[]): PodPhase {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  const byName = (l: readonly ContainerStatus[], n: string) => l.find((s) => s.name === n);
  let pendingInit = 0, failedInit = 0, sidecarRunning = false;
  for (const c of pod.spec?.initContainers ?? []) {
    const s = byName(inits, c.name);
    if (c.restartPolicy === 'Always') {
      if (s?.state?.running) sidecarRunning = true; else pendingInit += containersStarted(containers) ? 0 : 1;
      continue;
    }
    if (!s) { pendingInit++; continue; }
    if (s.state?.running) pendingInit++;
    else if (s.state?.terminated) { if (s.state.terminated.exitCode !== 0) failedInit++; }
    else if (s.lastState?.terminated && s.lastState.terminated.exitCode !== 0) failedInit++;
    else pendingInit++;
  }
  let unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const c of pod.spec?.containers ?? []) {
    const s = byName(containers, c.name);
    if (!s) { unknown++; continue; }
    if (s.state?.running) running++;
    else if (s.state?.terminated) { stopped++; if (s.state.terminated.exitCode === 0) succeeded++; }
    else if (s.lastState?.terminated) stopped++;
    else waiting++;
  }
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if (pendingInit > 0 || (failedInit > 0 && !containersStarted(containers))) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (policy === 'Always') return 'Running';
    // Sidecars still running: the pod ends once they are stopped too (getPhase's podIsTerminal).
    if (sidecarRunning) return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

const containersStarted = (l: readonly ContainerStatus[]) => l.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);

export const isTerminalPhase = (p: string | undefined) => p === 'Succeeded' || p === 'Failed';
