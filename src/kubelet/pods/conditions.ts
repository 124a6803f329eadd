/**
 * The kubelet's pod conditions with Kubernetes' reasons and messages
 * (pkg/kubelet/status/generate.go): PodReadyToStartContainers, Initialized, ContainersReady,
 * Ready. Probes (issue 6) will make `ready` differ from "running"; readiness gates are not
 * supported yet.
 */
import type { ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { PodPhase } from './phase.ts';

type Cond = Omit<PodCondition, 'lastTransitionTime' | 'lastProbeTime'>;

const list = (names: string[]) => `[${names.join(' ')}]`;

export function readyToStartCondition(sandboxReady: boolean): Cond {
  return { type: 'PodReadyToStartContainers', status: sandboxReady ? 'True' : 'False' };
}

export function initializedCondition(pod: DeepReadonly<Pod>, inits: readonly ContainerStatus[], containers: readonly ContainerStatus[], phase: PodPhase): Cond {
  const specs = pod.spec?.initContainers ?? [];
  if (!specs.length) return { type: 'Initialized', status: 'True' };
  const unknown: string[] = [], unready: string[] = [];
  for (const c of specs) {
    const s = inits.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (c.restartPolicy === 'Always' ? !s.started : !s.ready) unready.push(c.name);
  }
  if (phase === 'Succeeded' && !unknown.length) return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  // A regular container that ever started means initialization finished before.
  if (containers.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated)) return { type: 'Initialized', status: 'True' };
  if (!unknown.length && !unready.length) return { type: 'Initialized', status: 'True' };
  return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: ${list([...unknown, ...unready])}` };
}

/** ContainersReady and Ready (the same without readiness gates). */
export function readyConditions(pod: DeepReadonly<Pod>, inits: readonly ContainerStatus[], containers: readonly ContainerStatus[], phase: PodPhase): Cond[] {
  const mk = (c: Omit<Cond, 'type'>): Cond[] => [{ type: 'Ready', ...c }, { type: 'ContainersReady', ...c }];
  if (phase === 'Succeeded') return mk({ status: 'False', reason: 'PodCompleted' });
  const unknown: string[] = [], unready: string[] = [];
  const check = (name: string, l: readonly ContainerStatus[]) => {
    const s = l.find((x) => x.name === name);
    if (!s) unknown.push(name); else if (!s.ready) unready.push(name);
  };
  for (const c of pod.spec?.initContainers ?? []) if (c.restartPolicy === 'Always') check(c.name, inits);
  for (const c of pod.spec?.containers ?? []) check(c.name, containers);
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${list(unknown)}`);
  if (unready.length) msgs.push(`containers with unready status: ${list(unready)}`);
  if (!msgs.length) return mk({ status: 'True' });
  return mk({ status: 'False', reason: 'ContainersNotReady', message: msgs.join(', ') });
}
