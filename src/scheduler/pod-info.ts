/**
 * Everything the plugins need from a pod, computed once per pod (framework.PodInfo): keys,
 * requests, host ports, tolerations, compiled node and pod affinity. Plugins then touch only
 * numbers, sets and compiled selectors in their per-node loops.
 */
import type { Pod, Toleration } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../client/freeze.ts';
import { podRequests, type Resources } from './resources.ts';
import { compileTerms, compileWeighted, type AffinityTerm } from './util/affinity-term.ts';
import { compileTerm, type CompiledTerm } from './util/node-selector.ts';

export interface HostPort { ip: string; protocol: string; port: number }

export interface PodInfo {
  readonly pod: DeepReadonly<Pod>;
  /** namespace/name */
  readonly key: string;
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Canonical string of `labels`, grouping pods with equal label sets. */
  readonly labelsKey: string;
  readonly requests: Resources;
  /** Requests with 100m / 200Mi standing in for missing cpu / memory (scoring). */
  readonly nonZeroRequests: Resources;
  readonly hostPorts: readonly HostPort[];
  readonly tolerations: readonly DeepReadonly<Toleration>[];
  readonly nodeSelector: Readonly<Record<string, string>> | undefined;
  /** Required node affinity terms (ORed); undefined: none. */
  readonly requiredNodeTerms: readonly CompiledTerm[] | undefined;
  readonly preferredNodeTerms: readonly { weight: number; term: CompiledTerm }[];
  readonly requiredAffinity: readonly AffinityTerm[];
  readonly requiredAntiAffinity: readonly AffinityTerm[];
  readonly preferredAffinity: readonly AffinityTerm[];
  readonly preferredAntiAffinity: readonly AffinityTerm[];
  readonly priority: number;
}

export const labelsKeyOf = (labels: Readonly<Record<string, string>>): string =>
  Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');

export function newPodInfo(pod: DeepReadonly<Pod>): PodInfo {
  const m = pod.metadata ?? {};
  const spec = pod.spec;
  const ns = m.namespace ?? 'default';
  const labels = (m.labels ?? {}) as Readonly<Record<string, string>>;
  const hostPorts: HostPort[] = [];
  for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (p.hostPort && p.hostPort > 0) hostPorts.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  const na = spec?.affinity?.nodeAffinity;
  const required = na?.requiredDuringSchedulingIgnoredDuringExecution;
  const pa = spec?.affinity?.podAffinity;
  const paa = spec?.affinity?.podAntiAffinity;
  return {
    pod, key: `${ns}/${m.name}`, uid: m.uid ?? `${ns}/${m.name}`, namespace: ns, name: m.name ?? '', labels,
    labelsKey: labelsKeyOf(labels),
    requests: podRequests(pod), nonZeroRequests: podRequests(pod, true),
    hostPorts, tolerations: spec?.tolerations ?? [],
    nodeSelector: spec?.nodeSelector && Object.keys(spec.nodeSelector).length ? spec.nodeSelector : undefined,
    requiredNodeTerms: required ? required.nodeSelectorTerms.map(compileTerm) : undefined,
    preferredNodeTerms: (na?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
      .map((p) => ({ weight: p.weight, term: compileTerm(p.preference) })),
    requiredAffinity: compileTerms(ns, pa?.requiredDuringSchedulingIgnoredDuringExecution),
    requiredAntiAffinity: compileTerms(ns, paa?.requiredDuringSchedulingIgnoredDuringExecution),
    preferredAffinity: compileWeighted(ns, pa?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinity: compileWeighted(ns, paa?.preferredDuringSchedulingIgnoredDuringExecution),
    priority: spec?.priority ?? 0,
  };
}

export const hasAffinity = (p: PodInfo) =>
  p.requiredAffinity.length + p.requiredAntiAffinity.length + p.preferredAffinity.length + p.preferredAntiAffinity.length > 0;

