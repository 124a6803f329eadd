/**
 * The rollout arithmetic, pure: how far the new RS may grow, how far old ones may shrink,
 * and proportional scaling when spec.replicas changes mid-rollout (rolling.go,
 * sync.go scale, deployment_util.go NewRSNewReplicas / GetProportion). Each function
 * answers target sizes; the caller writes them.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { MAX_REPLICAS_ANNOTATION } from './constants.ts';
import { intAnnotation } from './annotations.ts';
import { maxSurge, maxUnavailable, isRollingUpdate, replicasOf } from './fenceposts.ts';
import { byCreation, bySizeNewer, bySizeOlder, filterActive, replicaCount, specReplicas } from './replica-sets.ts';

/**
 * The new RS's size after one scale-up step. Rolling: fill the room under
 * spec.replicas + maxSurge, never past spec.replicas (10 replicas, 25% surge, old RS at
 * 10, new at 0 → 3). Recreate: spec.replicas at once.
 */
export function newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
  const n = replicasOf(d);
  if (!isRollingUpdate(d)) return n;
  const current = replicaCount(allRSs);
  const maxTotal = n + maxSurge(d);
  if (current >= maxTotal) return specReplicas(newRS);
  return specReplicas(newRS) + Math.min(maxTotal - current, n - specReplicas(newRS));
}

/**
 * How many old replicas may go this step (reconcileOldReplicaSets): everything above
 * minAvailable, less the new RS's replicas that are not yet available (they may never
 * become so, and scaling old ones down for them could take availability below the floor).
 * 10 replicas, 25% unavailable (min 8), old 10 + new 3 with 0 available → 13 - 8 - 3 = 2.
 */
export function maxScaledDown(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet | undefined): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = newRS ? specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0) : 0;
  return replicaCount(allRSs) - minAvailable - newUnavailable;
}

/**
 * Step 1 of scaling old RSes down: remove their unavailable replicas first (oldest RS
 * first), at most `limit` in all. Answers the new sizes by RS name.
 */
export function cleanupUnhealthy(oldRSs: ReplicaSet[], limit: number): Map<string, number> {
  const out = new Map<string, number>();
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= limit) break;
    const n = specReplicas(rs);
    const unhealthy = n - (rs.status?.availableReplicas ?? 0);
    if (n === 0 || unhealthy <= 0) continue;
    const down = Math.min(limit - total, unhealthy);
    out.set(rs.metadata!.name!, n - down);
    total += down;
  }
  return out;
}

/**
 * Step 2: scale available old replicas down while the available total stays at or above
 * spec.replicas - maxUnavailable, oldest RS first. An RS counts at most its spec.replicas as
 * available: right after this controller shrinks an RS, its status still counts the pods
 * about to go, and Kubernetes' sum of statuses would take those away a second time
 * (old RS 5 of which status says 10 available, new 8 with 6 → 8 down, leaving 6 of 10).
 */
export function scaleDownForRollingUpdate(d: Deployment, allRSs: ReplicaSet[], oldRSs: ReplicaSet[]): Map<string, number> {
  const out = new Map<string, number>();
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = allRSs.reduce((n, rs) => n + Math.min(specReplicas(rs), rs.status?.availableReplicas ?? 0), 0);
  if (available <= minAvailable) return out;
  const want = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= want) break;
    const n = specReplicas(rs);
    if (n === 0) continue;
    const down = Math.min(n, want - total);
    out.set(rs.metadata!.name!, n - down);
    total += down;
  }
  return out;
}

/** How many replicas `rs` should gain (or lose) of `toAdd`, by its share of max-replicas (getReplicaSetFraction). */
export function proportion(d: Deployment, rs: ReplicaSet, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (replicasOf(d) === 0) fraction = -specReplicas(rs);
  else {
    const allowed = replicasOf(d) + maxSurge(d);
    const annotated = intAnnotation(rs, MAX_REPLICAS_ANNOTATION) ?? (d.status?.replicas ?? 0);
    // Go's math.Round: halves away from zero.
    const exact = (specReplicas(rs) * allowed) / annotated;
    fraction = Math.sign(exact) * Math.round(Math.abs(exact)) - specReplicas(rs);
  }
  const left = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, left) : Math.max(fraction, left);
}

/**
 * Proportional scaling of active RSes when spec.replicas changed mid-rollout: each active
 * RS grows or shrinks by its share, the largest takes the rounding leftover. 10 replicas,
 * surge 3 (max 13), RSes of 8 and 5 scaled to 15 replicas (max 19): +6 split 4 and 2 → 12, 7.
 * Answers sizes by name and whether this is "up" or "down".
 */
export function proportionalSizes(d: Deployment, rss: ReplicaSet[]): { sizes: Map<string, number>; op: 'up' | 'down' | '' } {
  const active = filterActive(rss);
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - replicaCount(active);
  const op = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : '';
  if (toAdd > 0) active.sort(bySizeNewer); else if (toAdd < 0) active.sort(bySizeOlder);
  const sizes = new Map<string, number>();
  let added = 0;
  for (const rs of active) {
    const p = toAdd !== 0 ? proportion(d, rs, toAdd, added) : 0;
    sizes.set(rs.metadata!.name!, specReplicas(rs) + p);
    added += p;
  }
  if (active.length && toAdd !== 0) {
    const first = active[0].metadata!.name!;
    sizes.set(first, Math.max(0, sizes.get(first)! + toAdd - added));
  }
  return { sizes, op };
}
