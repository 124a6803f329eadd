/**
 * What the views show, computed from API objects: pure functions, the same on the page and in
 * node's tests. READY/STATUS/RESTARTS and ages come from the server's own printers
 * (src/api/printers), so the page and `kubectl get` agree.
 */
import type { Event, Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { podSummary } from '../../api/printers/pod-status.ts';
import { age } from '../../api/printers/age.ts';
import { milliValue, tryParseQuantity } from '../../api/quantity.ts';
import { matches, type Selector } from '../../api/selectors/labels.ts';

export { age };

export interface PodRow {
  key: string; namespace: string; name: string; ready: string; status: string; restarts: string;
  restartCount: number; age: string; created: number; ip: string; node: string; labels: Record<string, string>;
}

export function podRow(p: Pod, now: Date): PodRow {
  const s = podSummary(p, now);
  const m = p.metadata ?? {};
  return {
    key: `${m.namespace}/${m.name}`, namespace: m.namespace ?? '', name: m.name ?? '',
    ready: s.ready, status: s.status, restarts: s.restarts, restartCount: parseInt(s.restarts, 10) || 0,
    age: age(m.creationTimestamp, now), created: Date.parse(m.creationTimestamp ?? '') || 0,
    ip: p.status?.podIP ?? '<none>', node: p.spec?.nodeName ?? '<none>', labels: m.labels ?? {},
  };
}

export interface PodFilter { namespace: string; selector?: Selector; text: string }

export function filterPods(rows: PodRow[], f: PodFilter): PodRow[] {
  const text = f.text.trim().toLowerCase();
  return rows.filter((r) => (!f.namespace || r.namespace === f.namespace)
    && (!f.selector || matches(f.selector, r.labels))
    && (!text || `${r.namespace}/${r.name} ${r.status} ${r.node} ${r.ip}`.toLowerCase().includes(text)));
}

export type SortDir = 'asc' | 'desc';
/** Sorts by one column; AGE sorts by creation time, RESTARTS by number, the rest as text (then by name). */
export function sortRows<R extends { name: string }>(rows: R[], column: keyof R, dir: SortDir): R[] {
  const sign = dir === 'asc' ? 1 : -1;
  const val = (r: R) => r[column] as unknown;
  return [...rows].sort((a, b) => {
    const x = val(a);
    const y = val(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
    return c !== 0 ? sign * c : a.name.localeCompare(b.name);
  });
}

export interface DeploymentRow { key: string; namespace: string; name: string; ready: string; upToDate: number; available: number; images: string; age: string; paused: boolean }

export function deploymentRow(d: Deployment, now: Date): DeploymentRow {
  const st = d.status ?? {};
  const m = d.metadata ?? {};
  return {
    key: `${m.namespace}/${m.name}`, namespace: m.namespace ?? '', name: m.name ?? '',
    ready: `${st.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`, upToDate: st.updatedReplicas ?? 0, available: st.availableReplicas ?? 0,
    images: (d.spec?.template.spec?.containers ?? []).map((c) => c.image ?? '').join(','), age: age(m.creationTimestamp, now), paused: d.spec?.paused === true,
  };
}

export const REVISION = 'deployment.kubernetes.io/revision';
export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

export const ownedBy = (o: { metadata?: { ownerReferences?: { uid: string }[] } }, uid: string | undefined) =>
  uid !== undefined && (o.metadata?.ownerReferences ?? []).some((r) => r.uid === uid);

export interface Revision { revision: number; rs: ReplicaSet; changeCause: string; images: string; current: boolean }

/** `kubectl rollout history`: the deployment's ReplicaSets by their revision annotation, oldest first. */
export function rolloutHistory(d: Deployment, all: ReplicaSet[]): Revision[] {
  const current = Number(d.metadata?.annotations?.[REVISION] ?? 0);
  return all.filter((rs) => ownedBy(rs, d.metadata?.uid))
    .map((rs) => ({
      revision: Number(rs.metadata?.annotations?.[REVISION] ?? 0), rs,
      changeCause: rs.metadata?.annotations?.[CHANGE_CAUSE] ?? '',
      images: (rs.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? '').join(','),
      current: false,
    }))
    .map((r) => ({ ...r, current: r.revision === current }))
    .sort((a, b) => a.revision - b.revision);
}

export interface NodeRow {
  name: string; ready: string; roles: string; cpu: string; memory: string; pods: number; age: string;
}

const mcpu = (q: string | undefined) => { const v = tryParseQuantity(q); return v ? milliValue(v) : 0; };
const bytes = (q: string | undefined) => { const v = tryParseQuantity(q); return v ? milliValue(v) / 1000 : 0; };
const gib = (b: number) => `${(b / 2 ** 30).toFixed(b >= 10 * 2 ** 30 ? 0 : 1)}Gi`;
const cores = (m: number) => (m % 1000 === 0 ? `${m / 1000}` : `${m}m`);

/** What the pod asks of its node (as the scheduler counts: containers summed, each init container alone, the larger). */
export function podRequests(p: Pod): { cpu: number; memory: number } {
  const sum = (cs: { resources?: { requests?: Record<string, string> } }[] = []) =>
    cs.reduce((a, c) => ({ cpu: a.cpu + mcpu(c.resources?.requests?.cpu), memory: a.memory + bytes(c.resources?.requests?.memory) }), { cpu: 0, memory: 0 });
  const main = sum(p.spec?.containers);
  for (const ic of p.spec?.initContainers ?? []) {
    const one = sum([ic]);
    main.cpu = Math.max(main.cpu, one.cpu);
    main.memory = Math.max(main.memory, one.memory);
  }
  return main;
}

const terminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

export function nodeRow(n: Node, pods: Pod[], now: Date): NodeRow {
  const mine = pods.filter((p) => p.spec?.nodeName === n.metadata?.name && !terminal(p));
  const req = mine.reduce((a, p) => { const r = podRequests(p); return { cpu: a.cpu + r.cpu, memory: a.memory + r.memory }; }, { cpu: 0, memory: 0 });
  const cap = n.status?.allocatable ?? n.status?.capacity ?? {};
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  const roles = Object.keys(n.metadata?.labels ?? {}).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice('node-role.kubernetes.io/'.length));
  return {
    name: n.metadata?.name ?? '',
    ready: (ready?.status === 'True' ? 'Ready' : 'NotReady') + (n.spec?.unschedulable ? ',SchedulingDisabled' : ''),
    roles: roles.join(',') || '<none>',
    cpu: `${cores(req.cpu)} / ${cores(mcpu(cap.cpu))}`,
    memory: `${gib(req.memory)} / ${gib(bytes(cap.memory))}`,
    pods: mine.length, age: age(n.metadata?.creationTimestamp, now),
  };
}

/** Pods by the STATUS kubectl shows, most common first. */
export function statusCounts(rows: PodRow[]): [string, number][] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.status, (m.get(r.status) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const eventTime = (e: Event) => Date.parse(e.eventTime ?? e.lastTimestamp ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? '') || 0;

/** Events newest first, optionally only warnings or only those about one object. */
export function recentEvents(events: Event[], o: { warningsOnly?: boolean; uid?: string; kind?: string; name?: string; namespace?: string; limit?: number } = {}): Event[] {
  return events.filter((e) => (!o.warningsOnly || e.type === 'Warning')
    && (!o.uid || e.involvedObject.uid === o.uid || (e.involvedObject.kind === o.kind && e.involvedObject.name === o.name && e.involvedObject.namespace === o.namespace)))
    .sort((a, b) => eventTime(b) - eventTime(a)).slice(0, o.limit ?? Infinity);
}

export const eventAge = (e: Event, now: Date) => age(new Date(eventTime(e)).toISOString(), now);

/**
 * A Status cause's field ("spec.containers[0].image", "metadata.labels[app]") as a path into
 * the YAML document, so the editor can mark the line the error is about.
 */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (let m = re.exec(field); m; m = re.exec(field)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}
