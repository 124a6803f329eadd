/** Test builders: frozen nodes and pods in the shapes informers hand out. */
import type { Node, Pod, Container } from 'kubernetes-types/core/v1.d.ts';
import { deepFreeze, type DeepReadonly } from '../client/freeze.ts';
import { NodeInfo } from './node-info.ts';
import { newPodInfo, type PodInfo } from './pod-info.ts';

export function node(name: string, o: { cpu?: string; memory?: string; pods?: string; labels?: Record<string, string>; spec?: Node['spec'] } = {}): DeepReadonly<Node> {
  return deepFreeze<Node>({
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: o.spec ?? {},
    status: { allocatable: { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110' } },
  });
}

export function pod(name: string, o: {
  ns?: string; cpu?: string; memory?: string; labels?: Record<string, string>; spec?: Partial<Pod['spec']>; containers?: Container[];
} = {}): DeepReadonly<Pod> {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  return deepFreeze<Pod>({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: o.ns ?? 'default', uid: `uid-${name}`, labels: o.labels },
    spec: { containers: o.containers ?? [{ name: 'c', image: 'img', resources: { requests } }], ...o.spec },
  });
}

export function nodeInfo(n: DeepReadonly<Node>, ...pods: DeepReadonly<Pod>[]): NodeInfo {
  const ni = new NodeInfo(n.metadata!.name!, n);
  for (const p of pods) ni.addPod(newPodInfo(p));
  return ni;
}

export const info = (p: DeepReadonly<Pod>): PodInfo => newPodInfo(p);
