/**
 * DELETE and DELETECOLLECTION (k8s.io/apiserver/pkg/endpoints/handlers/delete.go). Options
 * come from the body (DeleteOptions) or the query. Kinds whose registry returns the deleted
 * object (pods) answer with it; others with a Status once the object is gone, or with the
 * object while finalizers or a grace period hold it.
 */
import type { DeleteOptions } from 'kubernetes-types/meta/v1.d.ts';
import { badRequest } from '../../api/errors.ts';
import type { KObject } from '../../api/meta.ts';
import { groupVersion } from '../../api/resources.ts';
import { listObjects, type ObjectFilter } from '../registry/list.ts';
import type { WriteContext } from './write.ts';
import { intParam } from './query.ts';
import type { RestResult } from './types.ts';

const POLICIES = new Set(['Orphan', 'Background', 'Foreground']);

export function deleteOptions(body: unknown, q: URLSearchParams): DeleteOptions {
  const o: DeleteOptions = body && typeof body === 'object' ? { ...(body as DeleteOptions) } : {};
  const grace = intParam(q, 'gracePeriodSeconds');
  if (grace !== undefined) o.gracePeriodSeconds = grace;
  const pp = q.get('propagationPolicy');
  if (pp) o.propagationPolicy = pp;
  if (q.get('orphanDependents')) o.orphanDependents = q.get('orphanDependents') === 'true';
  if (o.propagationPolicy && !POLICIES.has(o.propagationPolicy)) {
    throw badRequest(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${o.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  if (o.orphanDependents !== undefined && o.propagationPolicy) {
    throw badRequest('DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "' + o.propagationPolicy + '": orphanDependents and deletionPropagation cannot be both set');
  }
  if (o.gracePeriodSeconds !== undefined && o.gracePeriodSeconds !== null && o.gracePeriodSeconds < 0) o.gracePeriodSeconds = 1;
  return o;
}

const returnsObject = (ctx: WriteContext) => ctx.reg.info.group === '' && ctx.reg.info.plural === 'pods';

export async function deleteObject(ctx: WriteContext): Promise<RestResult> {
  const opts = deleteOptions(ctx.req.body, ctx.req.query);
  const { object, deleted } = await ctx.reg.delete(ctx.req.namespace, ctx.req.name!, opts, { dryRun: ctx.dryRun });
  if (!deleted || returnsObject(ctx)) return ctx.result(200, object);
  return ctx.result(200, successStatus(ctx, object));
}

export function successStatus(ctx: WriteContext, object: KObject): KObject {
  const { info } = ctx.reg;
  return {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success',
    details: { name: object.metadata?.name, group: info.group || undefined, kind: info.plural, uid: object.metadata?.uid },
  };
}

export async function deleteCollection(ctx: WriteContext, filter: ObjectFilter | undefined): Promise<RestResult> {
  const opts = deleteOptions(ctx.req.body, ctx.req.query);
  const list = await listObjects(ctx.reg, { namespace: ctx.req.namespace, filter });
  const items: KObject[] = [];
  for (const o of list.items) {
    try {
      const r = await ctx.reg.delete(o.metadata!.namespace, o.metadata!.name!, opts, { dryRun: ctx.dryRun });
      items.push(r.object);
    } catch (e) {
      if ((e as { code?: number }).code !== 404) throw e;
    }
  }
  return ctx.result(200, { kind: ctx.reg.info.listKind, apiVersion: groupVersion(ctx.reg.info), metadata: {}, items });
}
