/**
 * The Node object of a simulated node: labels, capacity, node info, addresses and the four
 * kubelet conditions, shaped as a real kubelet registers them
 * (pkg/kubelet/kubelet_node_status.go, pkg/kubelet/nodestatus/setters.go: reasons and
 * messages such as KubeletReady / "kubelet is posting ready status").
 * Pure: names, addresses and times come in.
 */
import type { Node, NodeCondition, NodeStatus } from 'kubernetes-types/core/v1.d.ts';
import { createHash } from 'node:crypto';
import { conditionsToPost, wantedConditions, type Health } from '../kubelet/node/node-object.ts';
import { SIM_KUBELET_VERSION, SIM_RUNTIME_VERSION, SIMULATED_LABEL } from './labels.ts';

export interface SimNodeShape {
  cpu: string;
  memory: string;
  pods: string;
  ephemeralStorage: string;
}

const HEALTHY: Health = { runtimeReady: true };

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

/** The four conditions a healthy kubelet reports (the real kubelet's set); `now` is an RFC 3339 time. */
export function healthyConditions(now: string, since: (type: string) => string = () => now): NodeCondition[] {
  return wantedConditions(HEALTHY).map((w) => ({ ...w, lastHeartbeatTime: now, lastTransitionTime: since(w.type) }));
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
 * The conditions to report now, or undefined when nothing is stale: the real kubelet's rule
 * (transition times kept while a condition holds; a heartbeat is not a transition).
 */
export function conditionsUpdate(current: readonly Readonly<NodeCondition>[] | undefined, now: Date, maxAgeMs: number): NodeCondition[] | undefined {
  return conditionsToPost(current, HEALTHY, now, maxAgeMs);
}
