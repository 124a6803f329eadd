/**
 * Create, update (PUT) and patch: decode checks, defaulting, strategy preparation,
 * admission, validation and managedFields, then the registry. The order follows
 * k8s.io/apiserver/pkg/endpoints/handlers/{create,update,patch}.go and the generic
 * registry's BeforeCreate/BeforeUpdate.
 */
import { conflict, field, invalid, isAlreadyExists, notFound, OptimisticLockErrorMsg } from '../../api/errors.ts';
import { clone, type KObject } from '../../api/meta.ts';
import { groupVersion } from '../../api/resources.ts';
import { setDefaults } from '../../api/defaults/index.ts';
import type { Registry } from '../registry/registry.ts';
import type { StrategyContext } from '../registry/strategy.ts';
import { admitCreate } from './admission.ts';
import { bodyDecodeError, checkFields, checkName, checkNamespace, checkTypeMeta } from './decode-check.ts';
import { trackUpdate } from './managed-fields.ts';
import { generateName, type RandomInt } from './names.ts';
import { dryRun, fieldManager, fieldValidation } from './query.ts';
import type { RestRequest, RestResult } from './types.ts';

export interface WriteDeps {
  registry: Registry;
  namespaces: Registry;
  rand?: RandomInt;
  userAgent?: string;
}

export class WriteContext {
  readonly warnings: string[] = [];
  /** Server-side apply already wrote managedFields; other writes record theirs as Update. */
  isApply = false;
  readonly dryRun: boolean;
  readonly manager: string;
  readonly now: Date;
  readonly deps: WriteDeps;
  readonly req: RestRequest;
  constructor(deps: WriteDeps, req: RestRequest) {
    this.deps = deps;
    this.req = req;
    this.dryRun = dryRun(req.query);
    this.manager = fieldManager(req.query, deps.userAgent);
    this.now = deps.registry.clock.now();
  }
  get reg() { return this.deps.registry; }
  get sctx(): StrategyContext { return { now: this.now, user: this.req.user.name }; }
  result(code: number, object: KObject): RestResult { return { code, object, warnings: this.warnings }; }
}

/** POST to a collection. */
export async function createObject(ctx: WriteContext, body: KObject): Promise<RestResult> {
  const { info } = ctx.reg;
  // The caller's body is never changed: each attempt works on its own copy.
  const fresh = () => {
    const obj = clone(body);
    checkTypeMeta(info, obj);
    checkNamespace(info, obj, ctx.req.namespace);
    return obj;
  };
  const fv = fieldValidation(ctx.req.query);
  const check = (obj: KObject, warnings: string[]) => checkFields(obj, fv, warnings, bodyDecodeError(obj));
  const first = check(fresh(), ctx.warnings);
  // A retry (a generated name taken) is checked again, its warnings already given.
  return ctx.result(201, await storeNew(ctx, first, () => check(fresh(), [])));
}

/**
 * Prepares (prepareCreate) and stores a new object. A generated name that
 * collides is retried with a new name on a fresh copy from `again`.
 */
async function storeNew(ctx: WriteContext, obj: KObject, again: () => KObject): Promise<KObject> {
  const { info } = ctx.reg;
  const genBase = obj.metadata!.name ? undefined : obj.metadata!.generateName;
  for (let attempt = 0; ; attempt++) {
    const candidate = attempt === 0 ? obj : again();
    const meta = candidate.metadata!;
    if (genBase) meta.name = generateName(genBase, ctx.deps.rand);
    if (!meta.name) {
      throw invalid(info.kind, info.group, '', [field.required('metadata.name', 'name or generateName is required')]);
    }
    await prepareCreate(ctx, candidate);
    try {
      return await ctx.reg.create(candidate, { dryRun: ctx.dryRun });
    } catch (e) {
      // Generated names are retried, as the RetryGenerateName feature does (GA in 1.32).
      if (genBase && isAlreadyExists(e) && attempt < 7) continue;
      throw e;
    }
  }
}

/**
 * The checks and preparation every update shares (PUT, PATCH, status, subresources):
 * `obj` is the proposed new object, `current` what is stored.
 */
export function prepareUpdate(ctx: WriteContext, current: KObject, obj: KObject): KObject {
  const { info, strategy } = ctx.reg;
  const name = ctx.req.name!;
  checkTypeMeta(info, obj);
  checkNamespace(info, obj, ctx.req.namespace);
  checkName(obj, name);
  const rv = obj.metadata!.resourceVersion;
  if (!rv) {
    if (!strategy.allowUnconditionalUpdate) {
      throw invalid(info.kind, info.group, name, [field.invalid('metadata.resourceVersion', undefined, '0x0: must be specified for an update')]);
    }
  } else if (rv !== current.metadata!.resourceVersion) {
    throw conflict(ctx.reg.gr, name, OptimisticLockErrorMsg);
  }
  const sub = ctx.req.subresource;
  let errs;
  if (sub === 'status' && strategy.status) {
    strategy.status.prepareForUpdate(obj, current, ctx.sctx);
    errs = strategy.status.validateUpdate(obj, current);
  } else {
    setDefaults(groupVersion(info), info.kind, obj);
    strategy.prepareForUpdate(obj, current, ctx.sctx);
    errs = strategy.validateUpdate(obj, current);
  }
  if (errs.length) throw invalid(info.kind, info.group, name, errs);
  if (!ctx.isApply) trackUpdate(current, obj, ctx.manager, sub, ctx.now);
  return obj;
}

/** PUT of the main resource or its status. */
export async function updateObject(ctx: WriteContext, body: KObject): Promise<RestResult> {
  const { info, strategy } = ctx.reg;
  const fv = fieldValidation(ctx.req.query);
  const res = await ctx.reg.update(ctx.req.namespace, ctx.req.name!, async (current) => {
    const copy = clone(body);
    checkTypeMeta(info, copy);
    const obj = checkFields(copy, fv, ctx.warnings, bodyDecodeError(copy));
    if (!current) {
      if (!strategy.allowCreateOnUpdate || ctx.req.subresource) throw notFound(ctx.reg.gr, ctx.req.name!);
      checkNamespace(info, obj, ctx.req.namespace);
      checkName(obj, ctx.req.name!);
      return prepareCreate(ctx, obj);
    }
    return prepareUpdate(ctx, current, obj);
  }, { dryRun: ctx.dryRun });
  return ctx.result(res.created ? 201 : 200, res.object);
}

/**
 * The checks and preparation every create shares (POST, and PUT or apply on a missing object):
 * defaults, managedFields, the strategy, admission, validation.
 */
export async function prepareCreate(ctx: WriteContext, obj: KObject): Promise<KObject> {
  const { info, strategy } = ctx.reg;
  setDefaults(groupVersion(info), info.kind, obj);
  // The writer owns what it sent, defaults included, and not what the strategy or admission
  // then add (DefaultTolerationSeconds' tolerations): the create handler updates
  // managedFields before mutating admission and BeforeCreate. Apply wrote its own already.
  if (!ctx.isApply) trackUpdate(undefined, obj, ctx.manager, undefined, ctx.now);
  strategy.prepareForCreate(obj, ctx.sctx);
  await admitCreate(info, obj, ctx.deps.namespaces);
  const errs = strategy.validate(obj);
  if (errs.length) throw invalid(info.kind, info.group, obj.metadata!.name ?? '', errs);
  return obj;
}
