/**
 * Pod resource requests as the scheduler counts them (k8s.io/component-helpers/resource
 * PodRequests, and framework.Resource in pkg/scheduler/framework/types.go):
 *
 * - app containers are summed; restartable init containers (sidecars) are added to that sum,
 *   since they keep running beside the app;
 * - each ordinary init container runs alone, beside the sidecars started before it: the pod
 *   needs max(app sum + sidecars, max over init containers of (that container + earlier sidecars));
 * - pod-level `spec.resources.requests` win for the resources they name; overhead is added last.
 *
 * With `nonZero`, a container missing a cpu or memory request counts as 100m / 200Mi
 * (schedutil.DefaultMilliCPURequest / DefaultMemoryRequest): scoring uses this so that many
 * request-less pods do not all land on one node.
 */
import type { Container, Pod, ResourceRequirements } from 'kubernetes-types/core/v1.d.ts';
import { milliValue, quantityValue, tryParseQuantity } from '../api/quantity.ts';
import type { DeepReadonly } from '../client/freeze.ts';

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** Requests in scheduler units: milli-cpu, bytes, count. `scalar` holds extended resources. */
export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  scalar?: Map<string, number>;
}

export const zeroResources = (): Resources => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0 });

// Quantities repeat endlessly ("100m", "128Mi"): parse each spelling once.
const milliMemo = new Map<string, number>();
const valueMemo = new Map<string, number>();

export function milliOf(q: unknown): number {
  const k = String(q);
  let v = milliMemo.get(k);
  if (v === undefined) {
    const p = tryParseQuantity(q);
    v = p ? milliValue(p) : 0;
    if (milliMemo.size < 100_000) milliMemo.set(k, v);
  }
  return v;
}

export function valueOf(q: unknown): number {
  const k = String(q);
  let v = valueMemo.get(k);
  if (v === undefined) {
    const p = tryParseQuantity(q);
    v = p ? quantityValue(p) : 0;
    if (valueMemo.size < 100_000) valueMemo.set(k, v);
  }
  return v;
}

/** Extended and hugepages resources are checked by count like cpu (schedutil.IsScalarResourceName). */
const isScalar = (name: string) => name.includes('/') || name.startsWith('hugepages-');

type List = DeepReadonly<Record<string, unknown>> | undefined;

function addList(r: Resources, list: List, sign = 1): void {
  if (!list) return;
  for (const name in list) {
    const q = list[name];
    if (name === 'cpu') r.milliCPU += sign * milliOf(q);
    else if (name === 'memory') r.memory += sign * valueOf(q);
    else if (name === 'ephemeral-storage') r.ephemeralStorage += sign * valueOf(q);
    else if (isScalar(name)) (r.scalar ??= new Map()).set(name, (r.scalar.get(name) ?? 0) + sign * valueOf(q));
  }
}

function maxInto(r: Resources, o: Resources): void {
  r.milliCPU = Math.max(r.milliCPU, o.milliCPU);
  r.memory = Math.max(r.memory, o.memory);
  r.ephemeralStorage = Math.max(r.ephemeralStorage, o.ephemeralStorage);
  if (o.scalar) for (const [k, v] of o.scalar) (r.scalar ??= new Map()).set(k, Math.max(r.scalar.get(k) ?? 0, v));
}

function addInto(r: Resources, o: Resources): void {
  r.milliCPU += o.milliCPU; r.memory += o.memory; r.ephemeralStorage += o.ephemeralStorage;
  if (o.scalar) for (const [k, v] of o.scalar) (r.scalar ??= new Map()).set(k, (r.scalar.get(k) ?? 0) + v);
}

/** One container's requests; limits stand in for missing requests, as API defaulting would set them. */
function containerRequests(c: DeepReadonly<Container>, nonZero: boolean): Resources {
  const r = zeroResources();
  const res = c.resources as DeepReadonly<ResourceRequirements> | undefined;
  const req = (res?.requests ?? {}) as Record<string, unknown>;
  const lim = (res?.limits ?? {}) as Record<string, unknown>;
  addList(r, { ...lim, ...req });
  if (nonZero) {
    if (!('cpu' in req) && !('cpu' in lim)) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (!('memory' in req) && !('memory' in lim)) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/** The pod's requests (PodRequests), optionally with non-zero defaults per container. */
export function podRequests(pod: DeepReadonly<Pod>, nonZero = false): Resources {
  const spec = pod.spec;
  const reqs = zeroResources();
  for (const c of spec?.containers ?? []) addInto(reqs, containerRequests(c, nonZero));
  const sidecars = zeroResources();
  const initMax = zeroResources();
  for (const c of spec?.initContainers ?? []) {
    const cr = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      addInto(reqs, cr);
      addInto(sidecars, cr);
      maxInto(initMax, sidecars);
    } else {
      addInto(cr, sidecars);
      maxInto(initMax, cr);
    }
  }
  maxInto(reqs, initMax);
  const podLevel = (spec as { resources?: ResourceRequirements } | undefined)?.resources?.requests;
  if (podLevel) {
    if ('cpu' in podLevel) reqs.milliCPU = milliOf(podLevel.cpu);
    if ('memory' in podLevel) reqs.memory = valueOf(podLevel.memory);
  }
  addList(reqs, spec?.overhead as List);
  return reqs;
}
