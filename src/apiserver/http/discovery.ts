/** Routes for /version and the discovery documents (legacy and aggregated). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiGroups } from '../../api/resources.ts';
import { aggregatedContentType, aggregatedDiscovery, aggregatedVersion } from '../discovery/aggregated.ts';
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from '../discovery/legacy.ts';
import { versionInfo } from '../discovery/version.ts';
import { sendBody, sendJSON } from './respond.ts';

/** Answers and returns true when `path` is a discovery path. */
export function serveDiscovery(req: IncomingMessage, res: ServerResponse, path: string, serverAddress: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/version') { sendJSON(req, res, 200, versionInfo()); return true; }
  if (p === '/api' || p === '/apis') {
    const agg = aggregatedVersion(req.headers.accept);
    if (agg) {
      sendBody(req, res, 200, JSON.stringify(aggregatedDiscovery(agg, p === '/api')), aggregatedContentType(agg), { Vary: 'Accept' });
    } else {
      sendJSON(req, res, 200, p === '/api' ? apiVersions(serverAddress) : apiGroupList(), 'json', { Vary: 'Accept' });
    }
    return true;
  }
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)(?:\/([^/]+))?)$/.exec(p);
  if (!m) return false;
  if (m[1]) { sendJSON(req, res, 200, apiResourceList('', 'v1')); return true; }
  const group = m[2], version = m[3];
  if (!version) {
    const g = apiGroups().find((x) => x.group === group);
    if (!g) return false;
    sendJSON(req, res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) });
    return true;
  }
  const list = apiResourceList(group, version);
  if (!list) return false;
  sendJSON(req, res, 200, list);
  return true;
}
