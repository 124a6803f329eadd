/**
 * `createClient(transport)`: the `Client` interface over any `Transport`. It only turns
 * calls into REST requests (verb, path parts, query); the transport carries them.
 */
import type { Status } from 'kubernetes-types/meta/v1.d.ts';
import type {
  Binding, Client, DeleteOpts, DiscardResult, Eviction, ListOptions, ObjectLike, ObjectList, PatchOptions, PatchType,
  ResourceClient, Scale, WatchOptions, WriteOptions,
} from './types.ts';
import type { ResourceRef, Transport, TransportRequest, WatchStream } from './transport.ts';

export function createClient(transport: Transport): Client {
  return { resource: <T extends ObjectLike>(ref: ResourceRef) => new ResourceClientImpl<T>(transport, ref, undefined) };
}

/** Builds a query from an options object, leaving out unset values. */
export function toQuery(opts: object | undefined): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(opts ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'dryRun') q.set('dryRun', 'All');
    else q.set(k, String(v));
  }
  return q;
}

/** A write's query, and discardResult as the transport's hint (it is not a query parameter). */
function writeOpts(opts: (WriteOptions & Partial<DiscardResult>) | undefined): Pick<TransportRequest, 'query' | 'discardBody'> {
  const { discardResult, ...query } = opts ?? {};
  return discardResult ? { query: toQuery(query), discardBody: true } : { query: toQuery(query) };
}

const DELETE_BODY_KEYS = new Set(['gracePeriodSeconds', 'propagationPolicy', 'preconditions']);

function splitDelete(opts: object | undefined): { query: object; body?: object } {
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(opts ?? {})) (DELETE_BODY_KEYS.has(k) ? body : query)[k] = v;
  return Object.keys(body).length
    ? { query, body: { kind: 'DeleteOptions', apiVersion: 'v1', ...body } }
    : { query };
}

class ResourceClientImpl<T extends ObjectLike> implements ResourceClient<T> {
  readonly #t: Transport;
  readonly #ref: ResourceRef;
  readonly #ns: string | undefined;

  constructor(t: Transport, ref: ResourceRef, ns: string | undefined) {
    this.#t = t; this.#ref = ref; this.#ns = ns;
  }

  namespace(ns: string): ResourceClient<T> { return new ResourceClientImpl<T>(this.#t, this.#ref, ns); }

  async #call<R>(r: Omit<TransportRequest, 'resource'>): Promise<R> {
    const res = await this.#t.request({ namespace: this.#ns, ...r, resource: this.#ref });
    // Whether or not the transport left it out, a discarded result is undefined for every caller.
    return (r.discardBody ? undefined : res.body) as R;
  }

  #nsOf(obj: ObjectLike): string | undefined { return this.#ns ?? obj.metadata?.namespace; }

  get(name: string) { return this.#call<T>({ verb: 'get', name }); }
  list(opts?: ListOptions) { return this.#call<ObjectList<T>>({ verb: 'list', query: toQuery(opts) }); }
  watch(opts?: WatchOptions): Promise<WatchStream<T>> {
    const { omitManagedFields, ...query } = opts ?? {};
    return this.#t.watch({ verb: 'list', resource: this.#ref, namespace: this.#ns, query: toQuery(query), omitManagedFields }) as Promise<WatchStream<T>>;
  }
  create(obj: T, opts: WriteOptions & DiscardResult): Promise<void>;
  create(obj: T, opts?: WriteOptions): Promise<T>;
  create(obj: T, opts?: WriteOptions & Partial<DiscardResult>): Promise<T | void> {
    return this.#call<T>({ verb: 'create', namespace: this.#nsOf(obj), body: obj, ...writeOpts(opts) });
  }
  update(obj: T, opts?: WriteOptions) {
    return this.#call<T>({ verb: 'update', namespace: this.#nsOf(obj), name: obj.metadata?.name, body: obj, query: toQuery(opts) });
  }
  updateStatus(obj: T, opts?: WriteOptions) {
    return this.#call<T>({ verb: 'update', namespace: this.#nsOf(obj), name: obj.metadata?.name, subresource: 'status', body: obj, query: toQuery(opts) });
  }
  patch(name: string, type: PatchType, body: unknown, opts: PatchOptions & DiscardResult): Promise<void>;
  patch(name: string, type: PatchType, body: unknown, opts?: PatchOptions): Promise<T>;
  patch(name: string, type: PatchType, body: unknown, opts?: PatchOptions & Partial<DiscardResult>): Promise<T | void> {
    return this.#call<T>({ verb: 'patch', name, patchType: type, body, ...writeOpts(opts) });
  }
  patchStatus(name: string, type: PatchType, body: unknown, opts: PatchOptions & DiscardResult): Promise<void>;
  patchStatus(name: string, type: PatchType, body: unknown, opts?: PatchOptions): Promise<T>;
  patchStatus(name: string, type: PatchType, body: unknown, opts?: PatchOptions & Partial<DiscardResult>): Promise<T | void> {
    return this.#call<T>({ verb: 'patch', name, subresource: 'status', patchType: type, body, ...writeOpts(opts) });
  }
  delete(name: string, opts?: DeleteOpts) {
    const { query, body } = splitDelete(opts);
    return this.#call<T | Status>({ verb: 'delete', name, body, query: toQuery(query) });
  }
  deleteCollection(opts?: ListOptions & DeleteOpts) {
    const { query, body } = splitDelete(opts);
    return this.#call<ObjectList<T>>({ verb: 'deletecollection', body, query: toQuery(query) });
  }
  bind(name: string, binding: Binding, opts?: WriteOptions) {
    const body = { apiVersion: 'v1', kind: 'Binding', ...binding, metadata: { namespace: this.#ns, ...binding.metadata, name } };
    return this.#call<Status>({ verb: 'create', name, subresource: 'binding', body, query: toQuery(opts) });
  }
  evict(name: string, eviction?: Eviction, opts?: WriteOptions) {
    const body = { apiVersion: 'policy/v1', kind: 'Eviction', ...eviction, metadata: { namespace: this.#ns, ...eviction?.metadata, name } };
    return this.#call<Status>({ verb: 'create', name, subresource: 'eviction', body, query: toQuery(opts) });
  }
  getScale(name: string) { return this.#call<Scale>({ verb: 'get', name, subresource: 'scale' }); }
  updateScale(name: string, scale: Scale, opts?: WriteOptions) {
    const body = { apiVersion: 'autoscaling/v1', kind: 'Scale', ...scale, metadata: { namespace: this.#ns, ...scale.metadata, name } };
    return this.#call<Scale>({ verb: 'update', name, subresource: 'scale', body, query: toQuery(opts) });
  }
}
