/**
 * Resource requests: body decoding, the REST call, and the response form (object, list,
 * Table, metadata-only, watch stream). Pod streaming subresources go to the stream handlers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, methodNotSupported, StatusError } from '../../api/errors.ts';
import type { KObject } from '../../api/meta.ts';
import type { ResourceInfo } from '../../api/resources.ts';
import { toTable, type IncludeObject } from '../../api/printers/index.ts';
import type { HandlerDeps } from './handler.ts';
import { decodeObject, mediaType } from '../../api/decode.ts';
import { readBody } from './body.ts';
import { negotiate, type Output } from './negotiate.ts';
import type { RequestInfo } from './request-info.ts';
import { sendBody, sendJSON, sendPieces } from './respond.ts';
import type { RestRequest, UserInfo } from '../rest/types.ts';
import { serveWatch } from './watch.ts';

export interface ResourceCall extends HandlerDeps {
  req: IncomingMessage;
  res: ServerResponse;
  info: RequestInfo;
  resource: ResourceInfo;
  user: UserInfo;
  query: URLSearchParams;
}

const STREAMING = new Set(['log', 'exec', 'attach', 'portforward', 'proxy']);
const BODYLESS = new Set(['get', 'list', 'watch']);

export async function serveResource(c: ResourceCall): Promise<void> {
  const { req, res, info, resource, query } = c;
  const rr: RestRequest = {
    verb: info.verb, info: resource, namespace: resource.namespaced ? info.namespace : undefined,
    name: info.name, subresource: info.subresource, query, user: c.user,
  };
  if (info.subresource && STREAMING.has(info.subresource)) return serveStream(c, rr);
  if (rr.verb === 'watch') return serveWatch(c, rr, negotiate(req.headers.accept, true));
  const out = BODYLESS.has(rr.verb) ? negotiate(req.headers.accept, !info.subresource) : negotiate(req.headers.accept, false);
  if (rr.verb === 'list') {
    const list = await c.api.list(rr, { raw: out === 'json' });
    const meta = { resourceVersion: list.resourceVersion, ...(list.continue ? { continue: list.continue } : {}), ...(list.remainingItemCount !== undefined ? { remainingItemCount: list.remainingItemCount } : {}) };
    if (out === 'table') return sendJSON(req, res, 200, table(resource, list.items, query, meta));
    if (out === 'metadata') return sendJSON(req, res, 200, { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: meta, items: list.items.map(partial) });
    if (list.raw) {
      const head = `{"kind":${JSON.stringify(list.kind)},"apiVersion":${JSON.stringify(list.apiVersion)},"metadata":${JSON.stringify(meta)},"items":[`;
      return sendPieces(req, res, 200, head, list.raw, ']}');
    }
    return sendJSON(req, res, 200, { kind: list.kind, apiVersion: list.apiVersion, metadata: meta, items: list.items }, out === 'yaml' ? 'yaml' : 'json');
  }
  if (!BODYLESS.has(rr.verb)) {
    if (rr.verb === 'patch' && !info.name) throw methodNotSupported({ group: resource.group, resource: resource.plural }, 'patch');
    const raw = await readBody(req);
    if (rr.verb === 'patch') {
      rr.patch = { type: mediaType(req.headers['content-type']), raw };
    } else if (raw.length) {
      rr.body = await decodeObject(raw, req.headers['content-type']);
    } else if (rr.verb === 'create' || rr.verb === 'update') {
      throw badRequest('the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
    }
  }
  const result = await c.api.handle(rr, String(req.headers['user-agent'] ?? ''));
  const headers: Record<string, string> = {};
  const warnings = result.warnings ?? [];
  if (warnings.length) res.setHeader('Warning', warnings.map((w) => `299 - ${JSON.stringify(w)}`));
  if (out === 'table' && rr.verb === 'get') return sendJSON(req, res, result.code, table(resource, [result.object], query, { resourceVersion: result.object.metadata?.resourceVersion }), 'json', headers);
  if (out === 'metadata') return sendJSON(req, res, result.code, partial(result.object), 'json', headers);
  sendJSON(req, res, result.code, result.object, out === 'yaml' ? 'yaml' : 'json', headers);
}

export function table(resource: ResourceInfo, items: KObject[], q: URLSearchParams, meta: { resourceVersion?: string; continue?: string; remainingItemCount?: number }, omitHeaders = false) {
  const inc = (q.get('includeObject') ?? 'Metadata') as IncludeObject;
  if (!['None', 'Metadata', 'Object'].includes(inc)) throw badRequest(`includeObject: Unsupported value: "${inc}": supported values: "Metadata", "None", "Object"`);
  return toTable(resource.plural, resource.group, items, { now: new Date(), includeObject: inc, ...meta, omitHeaders });
}

export const partial = (o: KObject) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata });

async function serveStream(c: ResourceCall, rr: RestRequest): Promise<void> {
  const sub = rr.subresource as 'log';
  if (rr.info.plural !== 'pods') throw new StatusError({ code: 503, reason: 'ServiceUnavailable', message: `${rr.info.plural}/${sub} is not served yet` });
  // pods/proxy names the pod as `[scheme:]name[:port]`.
  const name = rr.subresource === 'proxy' && rr.name ? podNameOf(rr.name) : rr.name;
  const pod = (await c.api.handle({ ...rr, name, verb: 'get', subresource: undefined })).object;
  const h = c.streams?.[sub];
  if (!h) {
    throw new StatusError({ code: 503, reason: 'ServiceUnavailable', message: `pods/${sub} needs the node agent, which is not running: pod "${rr.name}" has no node to stream from` });
  }
  await h({ req: c.req, res: c.res, pod, subresource: sub, query: rr.query, rest: c.info.rest });
}

/** The pod name in a pods/proxy id `[scheme:]name[:port]` (net.SplitSchemeNamePort). */
export function podNameOf(id: string): string {
  const p = id.split(':');
  return p.length === 3 ? p[1] : p[0];
}

export type { Output };
