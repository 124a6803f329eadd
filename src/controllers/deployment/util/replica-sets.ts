/**
 * Pure queries over a deployment's ReplicaSets (deployment_util.go: FindNewReplicaSet,
 * FindOldReplicaSets, FindActiveOrLatest, the Get*ReplicaCountForReplicaSets sums, and
 * controller_utils.go's ReplicaSetsByCreationTimestamp / BySizeOlder / BySizeNewer).
 * ReplicaSets here are plain copies (thawed), never cache objects.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { jsonEqual } from '../../../api/meta.ts';
import { pruneEmpty } from '../hash.ts';
import { POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION } from './constants.ts';

export const specReplicas = (rs: ReplicaSet): number => rs.spec?.replicas ?? 1;
const sum = (rss: (ReplicaSet | undefined)[], f: (rs: ReplicaSet) => number) => rss.reduce((n, rs) => n + (rs ? f(rs) : 0), 0);

/** Σ spec.replicas. */
export const replicaCount = (rss: (ReplicaSet | undefined)[]) => sum(rss, specReplicas);
/** Σ status.replicas. */
export const actualReplicaCount = (rss: (ReplicaSet | undefined)[]) => sum(rss, (rs) => rs.status?.replicas ?? 0);
export const readyReplicaCount = (rss: (ReplicaSet | undefined)[]) => sum(rss, (rs) => rs.status?.readyReplicas ?? 0);
export const availableReplicaCount = (rss: (ReplicaSet | undefined)[]) => sum(rss, (rs) => rs.status?.availableReplicas ?? 0);

/** ReplicaSets that should have pods (spec.replicas > 0). */
export const filterActive = (rss: (ReplicaSet | undefined)[]): ReplicaSet[] => rss.filter((rs): rs is ReplicaSet => !!rs && specReplicas(rs) > 0);

const created = (rs: ReplicaSet) => Date.parse(rs.metadata?.creationTimestamp ?? '') || 0;

/** Oldest first; equal times by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return created(a) - created(b) || ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : (a.metadata?.name ?? '') > (b.metadata?.name ?? '') ? 1 : 0);
}
/** Largest first; equal sizes oldest first (scale-down order). */
export const bySizeOlder = (a: ReplicaSet, b: ReplicaSet) => specReplicas(b) - specReplicas(a) || byCreation(a, b);
/** Largest first; equal sizes newest first (scale-up order). */
export const bySizeNewer = (a: ReplicaSet, b: ReplicaSet) => specReplicas(b) - specReplicas(a) || byCreation(b, a);

export function revisionOf(rs: { metadata?: { annotations?: Record<string, string> } }): number {
  const v = Number.parseInt(rs.metadata?.annotations?.[REVISION_ANNOTATION] ?? '', 10);
  return Number.isFinite(v) ? v : 0;
}
/** Lowest revision first; equal revisions by creation. */
export const byRevision = (a: ReplicaSet, b: ReplicaSet) => revisionOf(a) - revisionOf(b) || byCreation(a, b);
export const maxRevision = (rss: ReplicaSet[]) => rss.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);

function withoutHash(t: PodTemplateSpec | undefined): unknown {
  const c = structuredClone(t ?? {}) as PodTemplateSpec;
  if (c.metadata?.labels) {
    delete c.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  }
  return pruneEmpty(c);
}

/** Templates equal once the pod-template-hash label and empty objects/arrays are ignored (EqualIgnoreHash). */
export const equalIgnoreHash = (a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined) => jsonEqual(withoutHash(a), withoutHash(b));

/** The oldest ReplicaSet whose template is the deployment's (older ones win when several match). */
export function findNewReplicaSet(d: Deployment, rss: ReplicaSet[]): ReplicaSet | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** Every ReplicaSet but the new one, and those of them with spec.replicas > 0. */
export function findOldReplicaSets(d: Deployment, rss: ReplicaSet[]): { old: ReplicaSet[]; allOld: ReplicaSet[] } {
  const newRS = findNewReplicaSet(d, rss);
  const allOld = rss.filter((rs) => !newRS || rs.metadata?.uid !== newRS.metadata?.uid);
  return { old: allOld.filter((rs) => specReplicas(rs) !== 0), allOld };
}

/**
 * The one ReplicaSet to scale when only one has replicas (or, when none has, the new one
 * or else the newest old one); undefined when several are active.
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = filterActive([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  if (active.length === 1) return active[0];
  return undefined;
}
