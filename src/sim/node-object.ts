/**
 * The Node object of a simulated node: labels, capacity, node info, addresses and the four
 * kubelet conditions, shaped as a real kubelet registers them
 * (pkg/kubelet/kubelet_node_status.go, pkg/kubelet/nodestatus/setters.go: reasons and
 * messages such as KubeletReady / "kubelet is posting ready status").
 * Pure: names, addresses and times come in.
 */
import type { Node, NodeCondition, NodeStatus } from 'kubernetes-types/core/v1.d.ts';
import { createHash } from 'node:crypto';
import { SIM_KUBELET_VERSION, SIM_RUNTIME_VERSION, SIMULATED_LABEL } from './labels.ts';

export interface SimNodeShape {
  cpu: string;
  memory: string;
  pods: string;
  ephemeralStorage: string;
}

export const DEFAULT_SHAPE: SimNodeShape = { cpu: '4', memory: '8Gi', pods: '110', ephemeralStorage: '100Gi' };

/** Well-known labels (k8s.io/api/core/v1 well_known_labels.go) plus ours. */
export function simNodeLabels(name: string): Record<string, string> {
  return {
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'node.kubernetes.io/instance-type': 'k8ts-sim',
    [SIMULATED_LABEL]: 'true',
  };
}

/** The Node to create (metadata and spec only: the API server drops status on create). */
export function simNodeObject(name: string): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: simNodeLabels(name) }, spec: {} };
}

/** A stable fake id from the node name, formatted as a UUID (machineID, systemUUID, bootID). */
function fakeId(name: string, salt: string): string {
  const h = createHash('sha256').update(`${salt}/${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The four conditions a healthy kubelet reports; `now` is an RFC 3339 time. */
export function healthyConditions(now: string, since: (type: string) => string = () => now): NodeCondition[] {
  const c = (type: string, status: string, reason: string, message: string): NodeCondition =>
    ({ type, status, reason, message, lastHeartbeatTime: now, lastTransitionTime: since(type) });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

/** The full status of a new simulated node. */
export function simNodeStatus(name: string, internalIP: string, shape: SimNodeShape, now: string): NodeStatus {
  const resources = { cpu: shape.cpu, memory: shape.memory, pods: shape.pods, 'ephemeral-storage': shape.ephemeralStorage };
  return {
    capacity: { ...resources },
    allocatable: { ...resources },
    conditions: healthyConditions(now),
    addresses: [{ type: 'InternalIP', address: internalIP }, { type: 'Hostname', address: name }],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: fakeId(name, 'machine').replace(/-/g, ''),
      systemUUID: fakeId(name, 'system'),
      bootID: fakeId(name, 'boot'),
      kernelVersion: '6.1.0-k8ts-sim',
      osImage: 'k8ts simulated node',
      containerRuntimeVersion: SIM_RUNTIME_VERSION,
      kubeletVersion: SIM_KUBELET_VERSION,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}

/**
 * The conditions to report now, keeping the transition time of each one already in the
 * wanted state (a heartbeat is not a transition), or undefined when nothing is stale:
 * all four present as wanted and the last heartbeat younger than `maxAgeMs`.
 */
export function conditionsUpdate(current: readonly Readonly<NodeCondition>[] | undefined, now: Date, maxAgeMs: number): NodeCondition[] | undefined {
  const iso = rfc3339(now);
  const want = healthyConditions(iso);
  const byType = new Map((current ?? []).map((c) => [c.type, c]));
  const stale = want.some((w) => {
    const c = byType.get(w.type);
    if (!c || c.status !== w.status || c.reason !== w.reason) return true;
    const beat = Date.parse(c.lastHeartbeatTime ?? '');
    return !(now.getTime() - beat < maxAgeMs);
  });
  if (!stale) return undefined;
  return healthyConditions(iso, (type) => {
    const c = byType.get(type);
    const w = want.find((x) => x.type === type)!;
    return c && c.status === w.status && c.lastTransitionTime ? c.lastTransitionTime : iso;
  });
}

/** metav1.Time: seconds precision, UTC. */
export const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
/** metav1.MicroTime: microseconds, UTC. */
export const rfc3339Micro = (d: Date) => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
