/**
 * The kinds the garbage collector follows, each watched through a shared informer:
 * every namespaced kind k8ts serves that can carry ownerReferences, plus Node, which
 * can own objects (mirror pods) and so must be found by uid. Kubernetes finds these
 * through discovery and a RESTMapper (pkg/controller/garbagecollector/graph_builder.go);
 * k8ts serves a fixed set, so a table is enough.
 */
import { CONFIGMAPS, DEPLOYMENTS, EVENTS, LEASES, NODES, PODS, REPLICASETS, SECRETS } from '../../client/resources.ts';
import type { ResourceRef } from '../../client/types.ts';

export interface KindInfo {
  /** `apiVersion` as objects and ownerReferences spell it. */
  apiVersion: string;
  kind: string;
  ref: ResourceRef;
  namespaced: boolean;
  /** Watched (part of the graph); otherwise only looked up live when it is an owner. All are, today. */
  watched: boolean;
}

export const GC_KINDS: readonly KindInfo[] = [
  { apiVersion: 'v1', kind: 'Pod', ref: PODS, namespaced: true, watched: true },
  { apiVersion: 'v1', kind: 'ConfigMap', ref: CONFIGMAPS, namespaced: true, watched: true },
  { apiVersion: 'v1', kind: 'Secret', ref: SECRETS, namespaced: true, watched: true },
  { apiVersion: 'v1', kind: 'Event', ref: EVENTS, namespaced: true, watched: true },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', ref: REPLICASETS, namespaced: true, watched: true },
  { apiVersion: 'apps/v1', kind: 'Deployment', ref: DEPLOYMENTS, namespaced: true, watched: true },
  { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', ref: LEASES, namespaced: true, watched: true },
  { apiVersion: 'v1', kind: 'Node', ref: NODES, namespaced: false, watched: true },
];

/**
 * The kind an ownerReference names. The group must match; the version may differ
 * (an owner written as apps/v1beta2 is the same Deployment), as the RESTMapper allows.
 */
export function kindOf(apiVersion: string | undefined, kind: string | undefined): KindInfo | undefined {
  const group = (v: string) => (v.includes('/') ? v.slice(0, v.indexOf('/')) : '');
  return GC_KINDS.find((k) => k.kind === kind && group(k.apiVersion) === group(apiVersion ?? ''));
}
