/**
 * One pass over a terminating namespace's content, after Kubernetes'
 * pkg/controller/namespace/deletion/namespaced_resources_deleter.go (deleteAllContent):
 * for every namespaced resource that supports delete, delete the collection (or each
 * item) with propagationPolicy Background, then list what is left. Leftovers are normal
 * while pods terminate gracefully (the estimate is their longest grace period, counted
 * from the namespace's deletionTimestamp) or while finalizers hold objects (15 s);
 * anything else left over is an error.
 */
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { isNotFound, isStatusError } from '../../api/errors.ts';
import { RESOURCES, type ResourceInfo } from '../../api/resources.ts';
import { PODS } from '../../client/resources.ts';
import type { Client, ObjectLike } from '../../client/types.ts';
import type { ContentReport } from './conditions.ts';

/** How long to assume finalizers take (finalizerEstimateSeconds). */
export const FINALIZER_ESTIMATE_SECONDS = 15;

export interface ContentResult {
  /** Seconds to wait before looking again; 0 when nothing is expected to go away by itself. */
  estimate: number;
  report: ContentReport;
}

/** The namespaced resources to empty: k8ts' own resource table stands in for discovery. */
export const deletableResources = (): ResourceInfo[] => RESOURCES.filter((r) => r.namespaced && r.verbs.includes('delete'));

const gvrString = (r: ResourceInfo) => `${r.group}/${r.version}, Resource=${r.plural}`;
const ignorable = (e: unknown) => isNotFound(e) || (isStatusError(e) && e.code === 405);

export async function deleteAllContent(client: Client, namespace: string, deletedAt: Date, now: Date): Promise<ContentResult> {
  const report: ContentReport = { contentErrors: [], remaining: {}, finalizers: {} };
  let estimate = 0;
  for (const info of deletableResources()) {
    try {
      const r = await deleteResource(client, info, namespace, deletedAt, now);
      estimate = Math.max(estimate, r.estimate);
      if (r.remaining) {
        report.remaining[`${info.plural}.${info.group}`] = r.remaining;
        for (const [f, n] of Object.entries(r.finalizers)) report.finalizers[f] = (report.finalizers[f] ?? 0) + n;
      }
    } catch (e) {
      report.contentErrors.push((e as Error).message);
      const n = (e as { remaining?: number }).remaining;
      if (n) report.remaining[`${info.plural}.${info.group}`] = n;
    }
  }
  return { estimate, report };
}

interface ResourceResult { estimate: number; remaining: number; finalizers: Record<string, number> }

async function deleteResource(client: Client, info: ResourceInfo, namespace: string, deletedAt: Date, now: Date): Promise<ResourceResult> {
  const rc = client.resource<ObjectLike>(info).namespace(namespace);
  const estimate = info.group === '' && info.plural === 'pods' ? await podEstimate(client, namespace, deletedAt, now) : 0;
  if (info.verbs.includes('deletecollection')) {
    await rc.deleteCollection({ propagationPolicy: 'Background' }).catch((e) => { if (!ignorable(e)) throw e; });
  } else {
    for (const o of (await rc.list()).items) {
      await rc.delete(o.metadata!.name!, { propagationPolicy: 'Background' }).catch((e) => { if (!ignorable(e)) throw e; });
    }
  }
  const left = (await rc.list()).items;
  if (!left.length) return { estimate: 0, remaining: 0, finalizers: {} };
  const finalizers: Record<string, number> = {};
  for (const o of left) for (const f of o.metadata?.finalizers ?? []) finalizers[f] = (finalizers[f] ?? 0) + 1;
  if (estimate) return { estimate, remaining: left.length, finalizers };
  if (Object.keys(finalizers).length) return { estimate: FINALIZER_ESTIMATE_SECONDS, remaining: left.length, finalizers };
  throw Object.assign(new Error(`unexpected items still remain in namespace: ${namespace} for gvr: ${gvrString(info)}`), { remaining: left.length });
}

/**
 * The longest terminationGracePeriodSeconds of the namespace's non-terminal pods, or 0
 * once that long has passed since the namespace's deletion (estimateGracefulTermination).
 */
export async function podEstimate(client: Client, namespace: string, deletedAt: Date, now: Date): Promise<number> {
  const pods = (await client.resource<Pod>(PODS).namespace(namespace).list()).items;
  return estimateForPods(pods, deletedAt, now);
}

export function estimateForPods(pods: readonly Pod[], deletedAt: Date, now: Date): number {
  let estimate = 0;
  for (const p of pods) {
    if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    estimate = Math.max(estimate, p.spec?.terminationGracePeriodSeconds ?? 0);
  }
  return now.getTime() - deletedAt.getTime() >= estimate * 1000 ? 0 : estimate;
}
