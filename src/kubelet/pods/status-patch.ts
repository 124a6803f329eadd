/**
 * The strategic-merge body that turns the pod's current status into the wanted one, as the
 * status manager's two-way patch (pkg/kubelet/status/status_manager.go mergePodStatus /
 * strategicpatch.CreateTwoWayMergePatch): changed fields only, null for removed ones,
 * conditions merged by type (with nulls for a reason or message that went), pod and host IPs
 * by ip (old ones deleted), container status lists replaced (they are atomic).
 * Undefined when nothing changed.
 */
import type { PodCondition, PodStatus } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';

/** Equal as JSON, ignoring key order and null/absent fields. */
export const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a) ?? null) === JSON.stringify(canonical(b) ?? null);

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).filter((k) => o[k] !== undefined && o[k] !== null).sort().map((k) => [k, canonical(o[k])]));
  }
  return v;
}

export function statusPatch(old: DeepReadonly<PodStatus> | undefined, want: PodStatus): Record<string, unknown> | undefined {
  const o = (old ?? {}) as Record<string, unknown>;
  const n = want as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(o), ...Object.keys(n)])) {
    if (same(o[k], n[k])) continue;
    if (n[k] === undefined || n[k] === null) { out[k] = null; continue; }
    if (k === 'conditions') {
      const prev = (o[k] ?? []) as PodCondition[];
      out[k] = (n[k] as PodCondition[]).filter((c) => !same(prev.find((p) => p.type === c.type), c)).map((c) => {
        const p = prev.find((x) => x.type === c.type) ?? {};
        const item: Record<string, unknown> = { ...c };
        for (const key of Object.keys(p)) if (!(key in item) || item[key] === undefined) item[key] = null;
        return item;
      });
    } else if (k === 'podIPs' || k === 'hostIPs') {
      const keep = new Set((n[k] as { ip: string }[]).map((x) => x.ip));
      const gone = ((o[k] ?? []) as { ip: string }[]).filter((x) => !keep.has(x.ip)).map((x) => ({ ip: x.ip, $patch: 'delete' }));
      out[`$setElementOrder/${k}`] = (n[k] as { ip: string }[]).map((x) => ({ ip: x.ip }));
      out[k] = [...(n[k] as unknown[]), ...gone];
    } else out[k] = n[k];
  }
  return Object.keys(out).length ? out : undefined;
}
