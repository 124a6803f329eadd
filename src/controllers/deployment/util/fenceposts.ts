/**
 * maxSurge / maxUnavailable resolution (deployment_util.go ResolveFenceposts, MaxSurge,
 * MaxUnavailable; intstr.GetScaledValueFromIntOrPercent). Percentages are of
 * spec.replicas: surge rounds up, unavailable rounds down, e.g. 10 replicas at 25%/25%
 * gives surge 3 and unavailable 2.
 */
import type { Deployment } from 'kubernetes-types/apps/v1.d.ts';
import type { DeepReadonly } from '../../../client/freeze.ts';

export type IntOrString = number | string;

/** An int as is, or "N%" of `total` rounded up or down. Throws on anything else. */
export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) {
    // intstr also accepts a plain integer string.
    if (/^\d+$/.test(v)) return Number(v);
    throw new Error(`invalid value for IntOrString: invalid value "${v}": must be an integer or percentage`);
  }
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * [surge, unavailable] for `desired` replicas. Validation forbids both being 0, but
 * rounding down can make unavailable 0 (1 replica at 25%); with no surge either the
 * rollout could never move, so unavailable becomes 1.
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): [number, number] {
  const surge = scaledValue(maxSurge, desired, true);
  let unavailable = scaledValue(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

type D = DeepReadonly<Deployment> | Deployment;

export const replicasOf = (d: D): number => d.spec?.replicas ?? 1;
export const isRollingUpdate = (d: D): boolean => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

function fenceposts(d: D): [number, number] {
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge as IntOrString | undefined ?? '25%', ru?.maxUnavailable as IntOrString | undefined ?? '25%', replicasOf(d));
}

/** How far above spec.replicas a rolling update may go; 0 for Recreate. */
export function maxSurge(d: D): number {
  return isRollingUpdate(d) ? fenceposts(d)[0] : 0;
}

/** How many of spec.replicas may be unavailable; 0 for Recreate, never more than spec.replicas. */
export function maxUnavailable(d: D): number {
  const n = replicasOf(d);
  if (!isRollingUpdate(d) || n === 0) return 0;
  return Math.min(fenceposts(d)[1], n);
}
