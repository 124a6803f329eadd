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
import { admitDelete } from './admission.ts';
import { intParam } from './query.ts';
import type { RestResult } from './types.ts';

const POLICIES = new Set(['Orphan', 'Background', 'Foreground']);

export function deleteOptions(body: unknown, q: URLSearchParams): DeleteOptions {
  if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) throw badRequest('the body of the request was in an unknown format: expected DeleteOptions');
  const o: DeleteOptions = body ? { ...(body as DeleteOptions) } : {};
  checkTypes(o);
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

/** kubectl sends `dryRun` for deletes in the DeleteOptions body. */
function isDryRun(ctx: WriteContext, o: DeleteOptions): boolean {
  for (const v of o.dryRun ?? []) if (v !== 'All') throw badRequest(`Invalid dry run value: ${JSON.stringify(v)}`);
  return ctx.dryRun || (o.dryRun?.length ?? 0) > 0;
}

const returnsObject = (ctx: WriteContext) => ctx.reg.info.group === '' && ctx.reg.info.plural === 'pods';

export async function deleteObject(ctx: WriteContext): Promise<RestResult> {
  admitDelete(ctx.reg.info, ctx.req.name!);
  const opts = deleteOptions(ctx.req.body, ctx.req.query);
  const { object, deleted } = await ctx.reg.delete(ctx.req.namespace, ctx.req.name!, opts, { dryRun: isDryRun(ctx, opts) });
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
      admitDelete(ctx.reg.info, o.metadata!.name!);
      const r = await ctx.reg.delete(o.metadata!.namespace, o.metadata!.name!, opts, { dryRun: isDryRun(ctx, opts) });
      items.push(r.object);
    } catch (e) {
      if ((e as { code?: number }).code !== 404) throw e;
    }
  }
  return ctx.result(200, { kind: ctx.reg.info.listKind, apiVersion: groupVersion(ctx.reg.info), metadata: {}, items });
}

/** DeleteOptions decoded as Go would: wrong JSON types are a 400, not a crash later. */
function checkTypes(o: DeleteOptions): void {
  const bad = (f: string, t: string) => badRequest(`json: cannot unmarshal ${typeof (o as Record<string, unknown>)[f]} into Go struct field DeleteOptions.${f} of type ${t}`);
  if (o.gracePeriodSeconds != null && !Number.isInteger(o.gracePeriodSeconds)) throw bad('gracePeriodSeconds', 'int64');
  if (o.propagationPolicy != null && typeof o.propagationPolicy !== 'string') throw bad('propagationPolicy', 'v1.DeletionPropagation');
  if (o.orphanDependents != null && typeof o.orphanDependents !== 'boolean') throw bad('orphanDependents', 'bool');
  if (o.dryRun != null && !Array.isArray(o.dryRun)) throw bad('dryRun', '[]string');
  const p = o.preconditions as unknown;
  if (p != null && (typeof p !== 'object' || Array.isArray(p))) throw bad('preconditions', 'v1.Preconditions');
  const pc = (p ?? {}) as Record<string, unknown>;
  for (const k of ['uid', 'resourceVersion']) if (pc[k] != null && typeof pc[k] !== 'string') throw bad(`preconditions.${k}`, 'string');
  if (o.gracePeriodSeconds === null) delete o.gracePeriodSeconds;
}
