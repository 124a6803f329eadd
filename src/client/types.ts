/**
 * The client interface: one `Client` for every kind, typed by resource.
 *
 *   const pods = client.resource<Pod>(PODS).namespace('default');
 *   const p = await pods.get('web-1');
 *
 * Objects are plain JSON (`kubernetes-types`). Every failure is a `StatusError`; test
 * it with the predicates in src/api/errors.ts (`isNotFound`, `isConflict`, `isGone` …).
 */
import type { DeleteOptions, ListMeta, ObjectMeta, Status } from 'kubernetes-types/meta/v1.d.ts';
import type { ResourceRef, WatchStream } from './transport.ts';

export type { ResourceRef };

/** The fields every object has (looser than `KObject` so kubernetes-types' kinds fit). */
export interface ObjectLike {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  limit?: number;
  continue?: string;
  timeoutSeconds?: number;
}

export interface WatchOptions extends Omit<ListOptions, 'limit' | 'continue' | 'resourceVersionMatch'> {
  allowWatchBookmarks?: boolean;
  /** Not a query parameter: TransportRequest.omitManagedFields. */
  omitManagedFields?: boolean;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

/** Not a query parameter: the write's result is not wanted (TransportRequest.discardBody); it answers undefined. */
export interface DiscardResult { discardResult: true }

export interface PatchOptions extends WriteOptions {
  /** Server-side apply only. */
  force?: boolean;
}

export type PatchType =
  | 'application/json-patch+json' | 'application/merge-patch+json'
  | 'application/strategic-merge-patch+json' | 'application/apply-patch+yaml';

export interface DeleteOpts extends Pick<DeleteOptions, 'gracePeriodSeconds' | 'propagationPolicy' | 'preconditions'> {
  dryRun?: boolean;
}

export interface ObjectList<T> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

/** autoscaling/v1 Scale. */
export interface Scale {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectLike['metadata'];
  spec?: { replicas?: number };
  status?: { replicas?: number; selector?: string };
}

export interface Binding {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> };
  target: { kind?: string; name: string; apiVersion?: string };
}

export interface Eviction {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  deleteOptions?: DeleteOptions;
}

/** Calls on one resource, in one namespace (or across all, or cluster-scoped). */
export interface ResourceClient<T extends ObjectLike> {
  /** The same resource in namespace `ns`; without a namespace, list/watch span all of them. */
  namespace(ns: string): ResourceClient<T>;
  get(name: string): Promise<T>;
  list(opts?: ListOptions): Promise<ObjectList<T>>;
  watch(opts?: WatchOptions): Promise<WatchStream<T>>;
  /** The namespace comes from the client's, or else from `obj.metadata.namespace`. */
  create(obj: T, opts: WriteOptions & DiscardResult): Promise<void>;
  create(obj: T, opts?: WriteOptions): Promise<T>;
  update(obj: T, opts?: WriteOptions): Promise<T>;
  updateStatus(obj: T, opts?: WriteOptions): Promise<T>;
  /** `body` is the patch: an object or array (JSON), or a string sent as is (apply YAML). */
  patch(name: string, type: PatchType, body: unknown, opts: PatchOptions & DiscardResult): Promise<void>;
  patch(name: string, type: PatchType, body: unknown, opts?: PatchOptions): Promise<T>;
  patchStatus(name: string, type: PatchType, body: unknown, opts: PatchOptions & DiscardResult): Promise<void>;
  patchStatus(name: string, type: PatchType, body: unknown, opts?: PatchOptions): Promise<T>;
  /** Answers the object when the server returns it (pods, or finalizers holding it), else the Status. */
  delete(name: string, opts?: DeleteOpts): Promise<T | Status>;
  deleteCollection(opts?: ListOptions & DeleteOpts): Promise<ObjectList<T>>;
  /** pods/binding. */
  bind(name: string, binding: Binding, opts?: WriteOptions): Promise<Status>;
  /** pods/eviction: 429 TooManyRequests when a disruption budget forbids it. */
  evict(name: string, eviction?: Eviction, opts?: WriteOptions): Promise<Status>;
  getScale(name: string): Promise<Scale>;
  updateScale(name: string, scale: Scale, opts?: WriteOptions): Promise<Scale>;
}

export interface Client {
  resource<T extends ObjectLike>(ref: ResourceRef): ResourceClient<T>;
}
