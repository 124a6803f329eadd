/**
 * The HTTP front: authentication, then non-resource paths (version, health, discovery,
 * OpenAPI), then resource requests handed to the REST API. Only this folder knows HTTP.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isStatusError, notFound, StatusError, unauthorized } from '../../api/errors.ts';
import { resourceFor } from '../../api/resources.ts';
import { authenticate, isPublicPath, type TokenUser } from '../auth/authn.ts';
import { openapiResponse } from '../openapi/handler.ts';
import type { API } from '../rest/api.ts';
import type { UserInfo } from '../rest/types.ts';
import { serveDiscovery } from './discovery.ts';
import { parseRequestInfo } from './request-info.ts';
import { serveResource } from './resource.ts';
import { sendBody, sendError, sendJSON } from './respond.ts';
import type { StreamHandlers } from './streams.ts';

export interface HandlerDeps {
  api: API;
  tokens: TokenUser[];
  serverAddress: string;
  /** Health checks beyond "the process answers" (store reachable …). */
  ready: () => Promise<boolean>;
  streams?: StreamHandlers;
  log?: (line: string) => void;
}

const pageNotFound = () => new StatusError({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource', details: {} });

export function createHandler(deps: HandlerDeps) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    try {
      const url = new URL(req.url ?? '/', 'https://k8ts.invalid');
      const path = url.pathname;
      const user = authenticate(req, deps.tokens);
      if (!user && !isPublicPath(path)) throw unauthorized();
      await route(deps, req, res, path, url.searchParams, user ?? { name: 'system:anonymous', groups: ['system:unauthenticated'] });
    } catch (e) {
      if (!isStatusError(e)) deps.log?.(`error: ${req.method} ${req.url}: ${(e as Error)?.stack ?? e}`);
      sendError(req, res, e);
    } finally {
      deps.log?.(`${req.method} ${req.url} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`);
    }
  };
}

async function route(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse, path: string, q: URLSearchParams, user: UserInfo) {
  const health = /^\/(healthz|livez|readyz)(\/.*)?$/.exec(path);
  if (health) {
    const ok = health[1] === 'livez' || health[1] === 'healthz' ? true : await deps.ready();
    if (q.has('verbose')) return sendBody(req, res, ok ? 200 : 500, `[+]ping ok\n[${ok ? '+' : '-'}]storage ${ok ? 'ok' : 'failed'}\n${health[1]} check ${ok ? 'passed' : 'failed'}\n`, 'text/plain; charset=utf-8');
    return sendBody(req, res, ok ? 200 : 500, ok ? 'ok' : 'storage not ready', 'text/plain; charset=utf-8');
  }
  const oa = openapiResponse(path, q, String(req.headers.accept ?? ''));
  if (oa) return sendBody(req, res, oa.status, oa.body, oa.headers['Content-Type'] ?? 'application/json', oa.headers);
  if (serveDiscovery(req, res, path, deps.serverAddress)) return;
  const info = parseRequestInfo(req.method ?? 'GET', path, q);
  if (!info.isResourceRequest || !info.resource) throw pageNotFound();
  const resource = resourceFor(info.group, info.version, info.resource);
  if (!resource) throw pageNotFound();
  await serveResource({ ...deps, req, res, info, resource, user, query: q });
}

export { sendJSON, notFound };
