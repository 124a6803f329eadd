/**
 * The scale subresource of deployments and replicasets: an autoscaling/v1 Scale view of
 * `spec.replicas` (k8s.io/kubernetes/pkg/registry/apps/deployment/storage/storage.go
 * ScaleREST). `status.selector` is the label selector as a string.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.d.ts';
import { badRequest, conflict, field, invalid, OptimisticLockErrorMsg } from '../../api/errors.ts';
import { clone, type KObject } from '../../api/meta.ts';
import { applyPatch } from '../../api/patch/index.ts';
import { schemaFor } from '../../api/patch/schema.ts';
import { formatLabelSelector } from '../../api/selectors/labels.ts';
import { checkTypeMeta } from './decode-check.ts';
import { prepareUpdate, type WriteContext } from './write.ts';
import type { RestResult } from './types.ts';

interface Scalable extends KObject {
  spec?: { replicas?: number; selector?: LabelSelector };
  status?: { replicas?: number };
}

export function scaleOf(obj: Scalable): KObject {
  const m = obj.metadata!;
  return {
    kind: 'Scale', apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, selector: obj.spec?.selector ? formatLabelSelector(obj.spec.selector) : '' },
  };
}

export async function getScale(ctx: WriteContext): Promise<RestResult> {
  return ctx.result(200, scaleOf(await ctx.reg.get(ctx.req.namespace, ctx.req.name!) as Scalable));
}

/** PUT or PATCH of a Scale: only `spec.replicas` moves, through the parent's update path. */
export async function updateScale(ctx: WriteContext): Promise<RestResult> {
  const name = ctx.req.name!;
  const res = await ctx.reg.update(ctx.req.namespace, name, (current) => {
    if (!current) throw conflict(ctx.reg.gr, name, 'the object has been deleted');
    const before = scaleOf(current as Scalable);
    let scale: KObject;
    if (ctx.req.patch) scale = applyPatch(ctx.req.patch.type, before, ctx.req.patch.raw, schemaFor('autoscaling/v1', 'Scale')) as KObject;
    else scale = clone(ctx.req.body as KObject);
    checkTypeMeta(ctx.reg.info, scale, 'Scale', 'autoscaling/v1');
    const rv = scale.metadata?.resourceVersion;
    if (rv && rv !== current.metadata!.resourceVersion) throw conflict(ctx.reg.gr, name, OptimisticLockErrorMsg);
    const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
    if (replicas !== undefined && (typeof replicas !== 'number' || !Number.isInteger(replicas))) throw badRequest(`Scale.autoscaling "${name}" is invalid: spec.replicas: must be an integer`);
    if (typeof replicas === 'number' && replicas < 0) {
      throw invalid('Scale', 'autoscaling', name, [field.invalid('spec.replicas', replicas, 'must be greater than or equal to 0')]);
    }
    const next = clone(current) as Scalable;
    (next.spec ??= {}).replicas = (replicas as number | undefined) ?? 0;
    const sub = ctx.req.subresource;
    ctx.req.subresource = undefined; // validate and default as a main-resource update
    try { return prepareUpdate(ctx, current, next); } finally { ctx.req.subresource = sub; }
  }, { dryRun: ctx.dryRun });
  return ctx.result(200, scaleOf(res.object as Scalable));
}
