/**
 * PATCH: JSON patch, merge patch, strategic merge patch and server-side apply, applied to
 * the stored object inside the registry's compare-and-swap loop, then checked like a PUT
 * (k8s.io/apiserver/pkg/endpoints/handlers/patch.go). Apply on a missing object creates it.
 */
import { badRequest, notFound, unsupportedMediaType } from '../../api/errors.ts';
import { clone, type KObject } from '../../api/meta.ts';
import { groupVersion } from '../../api/resources.ts';
import { applyPatch } from '../../api/patch/index.ts';
import { schemaFor } from '../../api/patch/schema.ts';
import { serverSideApply } from '../../api/apply/apply.ts';
import { conflictError } from '../../api/apply/conflict.ts';
import { boolParam, fieldValidation } from './query.ts';
import { checkFields, checkName, checkNamespace, checkTypeMeta, patchDecodeError } from './decode-check.ts';
import { decodeObject } from '../../api/decode.ts';
import { prepareUpdate, prepareCreate, type WriteContext } from './write.ts';
import type { RestResult } from './types.ts';

const PATCH_TYPES = new Set([
  'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml',
]);

export async function patchObject(ctx: WriteContext): Promise<RestResult> {
  const { info } = ctx.reg;
  const { type, raw } = ctx.req.patch!;
  if (!PATCH_TYPES.has(type)) throw unsupportedMediaType(type);
  const apply = type === 'application/apply-patch+yaml';
  const force = boolParam(ctx.req.query, 'force') ?? false;
  if (!apply && ctx.req.query.has('force')) throw badRequest('force: Invalid value: true: may not be specified for non-apply patch');
  if (apply && !ctx.req.query.get('fieldManager')) throw badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  const fv = fieldValidation(ctx.req.query);
  const gv = groupVersion(info);
  let applied = apply ? await decodeObject(raw, type) as KObject : undefined;
  ctx.isApply = apply;
  if (applied) {
    checkTypeMeta(info, applied);
    applied = checkFields(applied, fv, ctx.warnings);
  }
  const res = await ctx.reg.update(ctx.req.namespace, ctx.req.name!, async (current) => {
    if (!current) {
      if (!applied || ctx.req.subresource) throw notFound(ctx.reg.gr, ctx.req.name!);
      const obj = clone(applied);
      checkNamespace(info, obj, ctx.req.namespace);
      checkName(obj, ctx.req.name!);
      const out = serverSideApply({ live: undefined, applied: obj, manager: ctx.manager, force, apiVersion: gv, now: ctx.now });
      if ('conflicts' in out) throw conflictError(out.conflicts, info.kind, info.group, ctx.req.name!);
      return prepareCreate(ctx, out.object as KObject);
    }
    let next: KObject;
    if (applied) {
      const out = serverSideApply({ live: current, applied: clone(applied), manager: ctx.manager, force, apiVersion: gv, now: ctx.now });
      if ('conflicts' in out) throw conflictError(out.conflicts, info.kind, info.group, ctx.req.name!);
      next = out.object as KObject;
    } else {
      next = applyPatch(type, current, raw, schemaFor(gv, info.kind)) as KObject;
      const strategic = type === 'application/strategic-merge-patch+json';
      next = checkFields(next, type === 'application/json-patch+json' ? 'Ignore' : fv, ctx.warnings, strategic ? patchDecodeError(raw) : undefined);
    }
    return prepareUpdate(ctx, current, next);
  }, { dryRun: ctx.dryRun });
  return ctx.result(res.created ? 201 : 200, res.object);
}
