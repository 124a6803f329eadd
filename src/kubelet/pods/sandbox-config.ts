/**
 * The CRI sandbox config of a pod (pkg/kubelet/kuberuntime/kuberuntime_sandbox.go
 * generatePodSandboxConfig): metadata with the attempt, hostname = pod name (or spec.hostname),
 * the log directory `<podsDir>/<ns>_<name>_<uid>`, DNS from the host unless dnsPolicy None,
 * plus spec.dnsConfig, port mappings of the containers' hostPorts, and the labels the kubelet
 * finds its sandboxes by after a restart.
 */
import { join } from 'node:path';
import type { Pod, PodDNSConfig } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { DNSConfig, In, PodSandboxConfig, PortMapping, Protocol } from '../cri/types.ts';
import { MANAGED_LABEL, POD_NAME_LABEL, POD_NAMESPACE_LABEL, POD_UID_LABEL, TERMINATION_GRACE_ANNOTATION } from '../labels.ts';
import { sandboxSecurity } from './security.ts';

export interface SandboxEnv {
  podsDir: string;
  /** The host's resolver settings (resolv.ts). */
  hostDNS: DNSConfig;
  /** The pod's cgroup parent (cgroups.ts), when pod cgroups are on. */
  cgroupParent?: (pod: DeepReadonly<Pod>) => string | undefined;
}

export const podLogDir = (podsDir: string, pod: DeepReadonly<Pod>) =>
  join(podsDir, `${pod.metadata?.namespace}_${pod.metadata?.name}_${pod.metadata?.uid}`);

export function podLabels(pod: DeepReadonly<Pod>): Record<string, string> {
  return {
    [POD_NAME_LABEL]: pod.metadata?.name ?? '', [POD_NAMESPACE_LABEL]: pod.metadata?.namespace ?? '',
    [POD_UID_LABEL]: pod.metadata?.uid ?? '', [MANAGED_LABEL]: 'true',
  };
}

function dnsFor(pod: DeepReadonly<Pod>, host: DNSConfig): In<DNSConfig> {
  // Without a cluster DNS service, ClusterFirst falls back to the host's (as the kubelet does with a warning).
  const base = pod.spec?.dnsPolicy === 'None' ? { servers: [], searches: [], options: [] } : host;
  const extra: DeepReadonly<PodDNSConfig> = pod.spec?.dnsConfig ?? {};
  const uniq = (l: string[]) => [...new Set(l)];
  return {
    servers: uniq([...base.servers, ...(extra.nameservers ?? [])]),
    searches: uniq([...base.searches, ...(extra.searches ?? [])]),
    options: uniq([...base.options, ...(extra.options ?? []).map((o) => (o.value !== undefined ? `${o.name}:${o.value}` : o.name ?? ''))]),
  };
}

export function portMappings(pod: DeepReadonly<Pod>): In<PortMapping>[] {
  const out: In<PortMapping>[] = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue;
      out.push({ protocol: (p.protocol ?? 'TCP') as Protocol, containerPort: p.containerPort, hostPort: p.hostPort, hostIp: p.hostIP ?? '' });
    }
  }
  return out;
}

export function sandboxConfig(pod: DeepReadonly<Pod>, attempt: number, env: SandboxEnv): In<PodSandboxConfig> {
  const m = pod.metadata ?? {};
  const hostname = pod.spec?.hostNetwork ? undefined : (pod.spec?.hostname ?? m.name ?? '').slice(0, 63);
  const cgroupParent = env.cgroupParent?.(pod);
  const ps = pod.spec?.securityContext;
  return {
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, attempt },
    ...(hostname !== undefined ? { hostname } : {}),
    logDirectory: podLogDir(env.podsDir, pod),
    dnsConfig: dnsFor(pod, env.hostDNS),
    portMappings: portMappings(pod),
    labels: { ...(m.labels ?? {}), ...podLabels(pod) },
    annotations: {
      ...(m.annotations ?? {}),
      [TERMINATION_GRACE_ANNOTATION]: String(pod.spec?.terminationGracePeriodSeconds ?? 30),
    },
    linux: {
      ...(cgroupParent ? { cgroupParent } : {}),
      securityContext: sandboxSecurity(pod),
      sysctls: Object.fromEntries((ps?.sysctls ?? []).map((s) => [s.name, s.value])),
    },
  };
}
