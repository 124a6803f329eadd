/**
 * The Node a kubelet registers and the status it reports (pkg/kubelet/kubelet_node_status.go,
 * pkg/kubelet/nodestatus/setters.go): well-known labels, capacity and allocatable, node info,
 * addresses, the kubelet endpoint, and the four conditions with the kubelet's reasons and
 * messages. Pure.
 */
import type { Node, NodeCondition, NodeStatus } from 'kubernetes-types/core/v1.d.ts';
import { KUBELET_VERSION } from '../labels.ts';
import type { HostInfo } from './host-info.ts';
import { rfc3339 } from '../../api/meta.ts';

export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';

export interface NodeShape {
  name: string;
  host: HostInfo;
  /** `containerd://1.6.20` from CRI Version. */
  runtimeVersion: string;
  kubeletPort: number;
  controlPlane?: boolean;
  /** Overrides the detected InternalIP. */
  nodeIP?: string;
  maxPods?: number;
}

export function nodeLabels(s: NodeShape): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': s.host.architecture, 'beta.kubernetes.io/os': s.host.operatingSystem,
    'kubernetes.io/arch': s.host.architecture, 'kubernetes.io/hostname': s.name, 'kubernetes.io/os': s.host.operatingSystem,
    ...(s.controlPlane ? { [CONTROL_PLANE_LABEL]: '' } : {}),
  };
}

export function nodeObject(s: NodeShape): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: s.name, labels: nodeLabels(s) }, spec: {} };
}

/** The status minus conditions. */
export function nodeStatusBase(s: NodeShape): NodeStatus {
  const h = s.host;
  const resources = {
    cpu: String(h.cpus), memory: `${Math.floor(h.memoryBytes / 1024)}Ki`, pods: String(s.maxPods ?? 110),
    'ephemeral-storage': `${Math.floor(h.ephemeralStorageBytes / 1024)}Ki`,
  };
  const ip = s.nodeIP ?? h.internalIP;
  return {
    capacity: { ...resources },
    allocatable: { ...resources },
    addresses: [...(ip ? [{ type: 'InternalIP', address: ip }] : []), { type: 'Hostname', address: s.name }],
    daemonEndpoints: { kubeletEndpoint: { Port: s.kubeletPort } },
    nodeInfo: {
      machineID: h.machineID.replace(/-/g, ''), systemUUID: h.systemUUID, bootID: h.bootID,
      kernelVersion: h.kernelVersion, osImage: h.osImage, containerRuntimeVersion: s.runtimeVersion,
      kubeletVersion: KUBELET_VERSION, kubeProxyVersion: '', operatingSystem: h.operatingSystem, architecture: h.architecture,
    },
  };
}

export interface Health { runtimeReady: boolean; message?: string }

type Cond = Pick<NodeCondition, 'type' | 'status' | 'reason' | 'message'>;

export function wantedConditions(h: Health): Cond[] {
  return [
    { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
    h.runtimeReady
      ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }
      : { type: 'Ready', status: 'False', reason: 'KubeletNotReady', message: h.message ?? 'container runtime is down' },
  ];
}

/**
 * The conditions to post at `now`, keeping each transition time while the status holds; undefined
 * when nothing changed and the last heartbeat is younger than `maxAgeMs`.
 */
export function conditionsToPost(current: readonly NodeCondition[] | undefined, h: Health, now: Date, maxAgeMs: number): NodeCondition[] | undefined {
  const iso = rfc3339(now);
  const want = wantedConditions(h);
  const byType = new Map((current ?? []).map((c) => [c.type, c]));
  const stale = want.some((w) => {
    const c = byType.get(w.type);
    if (!c || c.status !== w.status || c.reason !== w.reason || c.message !== w.message) return true;
    return !(now.getTime() - Date.parse(c.lastHeartbeatTime ?? '') < maxAgeMs);
  });
  if (!stale) return undefined;
  return want.map((w) => {
    const c = byType.get(w.type);
    return { ...w, lastHeartbeatTime: iso, lastTransitionTime: c && c.status === w.status && c.lastTransitionTime ? c.lastTransitionTime : iso };
  });
}
