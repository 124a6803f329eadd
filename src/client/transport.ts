/**
 * The wire under the client: a request/response shape close to the REST API's, so the
 * HTTP transport (http-transport.ts) and the in-process one
 * (src/apiserver/rest/in-process.ts, which calls the API server's REST layer directly)
 * are interchangeable. The client folder never imports the API server: the server
 * implements this interface, and only the wiring joins the two.
 *
 * Contract for implementations:
 * - A failed call rejects with a `StatusError` (src/api/errors.ts) carrying the server's Status.
 * - Response bodies are fresh objects the caller may keep or change. Watch events may carry
 *   deep-frozen objects shared with other watchers (in-process): copy before changing.
 * - A request body belongs to the transport until the call settles: do not change it meanwhile
 *   (the in-process transport reads it late and does not copy it).
 * - `watch` resolves once the stream is open. A start revision that was compacted is
 *   reported as an ERROR event with a 410 Status (as the real server does over HTTP);
 *   the stream then ends. `close()` ends it from the client side.
 */

export interface ResourceRef {
  /** '' for the core group. */
  group: string;
  version: string;
  plural: string;
}

export type Verb = 'get' | 'list' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface TransportRequest {
  verb: Verb;
  resource: ResourceRef;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** Query parameters as the REST API names them (dryRun, fieldManager, labelSelector …). */
  query?: URLSearchParams;
  /** The object (create, update, subresource bodies) or DeleteOptions; for patch, the patch. */
  body?: unknown;
  /** PATCH media type, e.g. `application/merge-patch+json`. */
  patchType?: string;
  /**
   * A hint: the caller never reads `metadata.managedFields` of what comes back (informers drop
   * them, as kube-controller-manager's and kube-scheduler's do), so a transport that can leave
   * them out of watch events and write results may (the control-plane port does).
   */
  omitManagedFields?: boolean;
  /**
   * The caller does not want the object a write returns (an event, a status report): a
   * transport may leave the body out of the response (the control-plane port does, sparing
   * both threads a copy and a parse of it). Status and errors come back as ever.
   */
  discardBody?: boolean;
}

export interface TransportResponse {
  code: number;
  body: unknown;
  /** Texts of `Warning: 299` headers. */
  warnings?: string[];
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent<T = unknown> {
  type: WatchEventType;
  /** The object; for ERROR a `Status`. */
  object: T;
}

export interface WatchStream<T = unknown> extends AsyncIterable<WatchEvent<T>> {
  close(): void;
}

export interface Transport {
  request(req: TransportRequest): Promise<TransportResponse>;
  /** `req.verb` is ignored; selectors, resourceVersion and timeoutSeconds travel in `query`. */
  watch(req: TransportRequest): Promise<WatchStream>;
  /** Releases connections (HTTP keep-alive sockets). */
  close?(): void;
}
