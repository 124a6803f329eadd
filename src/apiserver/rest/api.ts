/**
 * The REST API over all registries: one entry point for every verb and subresource, used
 * by the HTTP server and (without HTTP) by in-process clients. Streaming subresources
 * (log, exec, attach, portforward, proxy) are the HTTP layer's; everything here returns a
 * value or throws a StatusError.
 */
import type { Namespace } from 'kubernetes-types/core/v1.d.ts';
import { badRequest, methodNotSupported, notFound } from '../../api/errors.ts';
import { clone, type KObject } from '../../api/meta.ts';
import { groupVersion, RESOURCES, type ResourceInfo } from '../../api/resources.ts';
import type { Store } from '../../store/types.ts';
import { Registry, type Clock } from '../registry/registry.ts';
import { listObjects, type ListOutput } from '../registry/list.ts';
import { watchObjects, type ObjectWatch } from '../registry/watch.ts';
import { STRATEGIES } from '../registry/all.ts';
import { deleteCollection, deleteObject } from './delete.ts';
import { patchObject } from './patch.ts';
import { getScale, updateScale } from './scale.ts';
import { buildFilter, listParams } from './selection.ts';
import { bindPod } from './subresources/binding.ts';
import { updateEphemeral } from './subresources/ephemeral.ts';
import { evictPod } from './subresources/eviction.ts';
import type { RestRequest, RestResult } from './types.ts';
import { createObject, updateObject, WriteContext } from './write.ts';
import type { RandomInt } from './names.ts';

export interface APIOptions { store: Store; clock?: Clock; rand?: RandomInt }

export class API {
  readonly store: Store;
  readonly clock: Clock;
  readonly rand?: RandomInt;
  private readonly registries = new Map<ResourceInfo, Registry>();

  constructor(opts: APIOptions) {
    this.store = opts.store;
    this.clock = opts.clock ?? { now: () => new Date() };
    this.rand = opts.rand;
    for (const s of STRATEGIES) this.registries.set(s.info, new Registry(s, this.store, this.clock));
  }

  registry(info: ResourceInfo): Registry {
    const r = this.registries.get(info);
    if (!r) throw notFound({ group: info.group, resource: info.plural }, '');
    return r;
  }

  private ctx(req: RestRequest, userAgent?: string): WriteContext {
    return new WriteContext({ registry: this.registry(req.info), namespaces: this.registry(RESOURCES[0]), rand: this.rand, userAgent }, req);
  }

  /** get, create, update, patch, delete, deletecollection and the non-streaming subresources. */
  async handle(req: RestRequest, userAgent?: string): Promise<RestResult> {
    const ctx = this.ctx(req, userAgent);
    const sub = req.subresource;
    const { info } = req;
    if (info.namespaced && !req.namespace && req.verb !== 'list' && req.verb !== 'watch') {
      throw notFound({ group: info.group, resource: info.plural }, req.name ?? '');
    }
    if (sub && !info.subresources.some((s) => s.name === sub)) throw notFound({ group: info.group, resource: `${info.plural}/${sub}` }, req.name ?? '');
    switch (`${req.verb}${sub ? `/${sub}` : ''}`) {
      case 'get':
      case 'get/status':
      case 'get/ephemeralcontainers':
        return ctx.result(200, await ctx.reg.get(req.namespace, req.name!));
      case 'create': return createObject(ctx, req.body as KObject);
      case 'update':
      case 'update/status': return updateObject(ctx, req.body as KObject);
      case 'patch':
      case 'patch/status': return patchObject(ctx);
      case 'delete': return deleteObject(ctx);
      case 'deletecollection': return deleteCollection(ctx, buildFilter(ctx.reg.strategy, req.query));
      case 'get/scale': return getScale(ctx);
      case 'update/scale':
      case 'patch/scale': return updateScale(ctx);
      case 'create/binding': return bindPod(ctx);
      case 'create/eviction': return evictPod(ctx);
      case 'update/ephemeralcontainers':
      case 'patch/ephemeralcontainers': return updateEphemeral(ctx);
      case 'update/finalize': return this.finalizeNamespace(ctx);
    }
    throw methodNotSupported({ group: info.group, resource: sub ? `${info.plural}/${sub}` : info.plural }, req.verb);
  }

  /** `raw`: JSON texts instead of objects where no selector needs them parsed (see ListOutput). */
  async list(req: RestRequest, opts: { raw?: boolean } = {}): Promise<ListOutput & { kind: string; apiVersion: string }> {
    const reg = this.registry(req.info);
    const out = await listObjects(reg, { ...listParams(reg.strategy, req.namespace, req.query), raw: opts.raw });
    return { ...out, kind: req.info.listKind, apiVersion: groupVersion(req.info) };
  }

  async watch(req: RestRequest): Promise<ObjectWatch> {
    const reg = this.registry(req.info);
    return watchObjects(reg, {
      namespace: req.namespace,
      filter: buildFilter(reg.strategy, req.query),
      resourceVersion: req.query.get('resourceVersion') ?? undefined,
    });
  }

  private async finalizeNamespace(ctx: WriteContext): Promise<RestResult> {
    const body = ctx.req.body as Namespace;
    const res = await ctx.reg.update(undefined, ctx.req.name!, (current) => {
      if (!current) throw notFound(ctx.reg.gr, ctx.req.name!);
      const next = clone(current) as Namespace & KObject;
      next.spec = { ...next.spec, finalizers: body?.spec?.finalizers ?? [] };
      if (!next.spec.finalizers!.length) delete next.spec.finalizers;
      return next;
    }, { dryRun: ctx.dryRun });
    return ctx.result(200, res.object);
  }
}
