/**
 * HTTP upgrades (SPDY/WebSocket) reach Node's `server.on('upgrade')`, not the request
 * handler. Only pods' exec, attach, portforward and proxy take them: authenticate as the
 * request handler does, read the pod, and give the socket to the stream handler. Anything
 * else gets a Status error written on the raw socket, which is then closed.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { badRequest, StatusError, toStatusError, unauthorized } from '../../api/errors.ts';
import { resourceFor } from '../../api/resources.ts';
import { authenticate, type TokenUser } from '../auth/authn.ts';
import type { API } from '../rest/api.ts';
import { parseRequestInfo } from './request-info.ts';
import { podNameOf } from './resource.ts';
import { writeSocketStatus } from './respond.ts';
import type { StreamHandlers } from './streams.ts';

export interface UpgradeDeps {
  api: API;
  tokens: TokenUser[];
  streams?: StreamHandlers;
  log?: (line: string) => void;
}

const UPGRADABLE = new Set(['exec', 'attach', 'portforward', 'proxy']);

export function createUpgradeHandler(deps: UpgradeDeps) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    serveUpgrade(deps, req, socket, head).catch((e) => {
      const se = toStatusError(e);
      if (se.code >= 500) deps.log?.(`error: upgrade ${req.method} ${req.url}: ${(e as Error)?.stack ?? e}`);
      writeSocketStatus(socket, se);
    });
  };
}

async function serveUpgrade(deps: UpgradeDeps, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://k8ts.invalid');
  const user = authenticate(req, deps.tokens);
  if (!user) throw unauthorized();
  const info = parseRequestInfo(req.method ?? 'GET', url.pathname, url.searchParams);
  const resource = info.isResourceRequest && info.resource ? resourceFor(info.group, info.version, info.resource) : undefined;
  const sub = info.subresource ?? '';
  if (resource?.plural !== 'pods' || !info.name || !UPGRADABLE.has(sub)) throw badRequest(`upgrade requests are not served for ${url.pathname}`);
  const name = sub === 'proxy' ? podNameOf(info.name) : info.name;
  const pod = (await deps.api.handle({ verb: 'get', info: resource, namespace: info.namespace, name, query: new URLSearchParams(), user })).object;
  const h = deps.streams?.[sub as 'exec'];
  if (!h) throw new StatusError({ code: 503, reason: 'ServiceUnavailable', message: `pods/${sub} needs the node agent, which is not running` });
  await h({ req, socket, head, pod, subresource: sub, query: url.searchParams, rest: info.rest });
}
