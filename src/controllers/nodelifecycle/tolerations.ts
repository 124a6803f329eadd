/**
 * Taint-based eviction decisions (kubernetes/kubernetes pkg/controller/tainteviction/
 * taint_eviction.go: getMatchingTolerations, getMinTolerationTime, processPodOnNode); the
 * toleration match itself is the scheduler's.
 */
import type { Pod, Taint } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { tolerates } from '../../scheduler/util/taints.ts';

/** When to delete a pod: now, at a time (ms since epoch), or never. */
export type Eviction = { kind: 'now' } | { kind: 'at'; at: number } | { kind: 'never' };

/**
 * The pod's fate on a node with these taints (only NoExecute ones count):
 * - some NoExecute taint not tolerated → now;
 * - each taint tolerated by its first matching toleration; if none of those has
 *   tolerationSeconds → never; else the smallest one (≤ 0 counts as 0), counted from the
 *   earliest `timeAdded` of the NoExecute taints (`nowMs` when a taint has none).
 * Upstream counts from when the pod was first seen tainted; `timeAdded` is that moment for
 * the controller's own taints and survives a controller restart.
 */
export function evictionFor(pod: DeepReadonly<Pod>, taints: readonly DeepReadonly<Taint>[] | undefined, nowMs: number): Eviction {
  const noExecute = (taints ?? []).filter((t) => t.effect === 'NoExecute');
  if (!noExecute.length) return { kind: 'never' };
  const tolerations = pod.spec?.tolerations ?? [];
  let minSeconds = Infinity;
  for (const taint of noExecute) {
    const t = tolerations.find((x) => tolerates(x, taint));
    if (!t) return { kind: 'now' };
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) minSeconds = Math.min(minSeconds, Math.max(0, t.tolerationSeconds));
  }
  if (minSeconds === Infinity) return { kind: 'never' };
  const since = Math.min(...noExecute.map((t) => (t.timeAdded ? Date.parse(t.timeAdded) : nowMs)));
  const at = since + minSeconds * 1000;
  return at <= nowMs ? { kind: 'now' } : { kind: 'at', at };
}
