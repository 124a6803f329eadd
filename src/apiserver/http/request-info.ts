/**
 * Parses a request path into what it addresses, the way k8s.io/apiserver/pkg/endpoints/
 * request/requestinfo.go does: /api/v1/... (core) and /apis/<group>/<version>/...,
 * optional namespaces/<ns>/, then resource, name and subresource.
 */
export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  verb: string;            // get list watch create update patch delete deletecollection (resource requests)
  group: string;
  version: string;
  namespace?: string;
  resource?: string;
  name?: string;
  subresource?: string;
  /** Path parts after the subresource (pods/x/proxy/<rest>, nodes/x/proxy/<rest>). */
  rest: string[];
}

const namespaceSubresources = new Set(['status', 'finalize']);
const verbs: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete', GET: 'get', HEAD: 'get' };

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const parts = path.split('/').filter((p, i) => i > 0 || p !== '').filter(Boolean).map(safeDecode);
  const base: RequestInfo = { isResourceRequest: false, path, verb: method.toLowerCase(), group: '', version: '', rest: [] };
  let i: number;
  if (parts[0] === 'api' && parts.length >= 2) { base.version = parts[1]; i = 2; }
  else if (parts[0] === 'apis' && parts.length >= 3) { base.group = parts[1]; base.version = parts[2]; i = 3; }
  else return base;
  let rest = parts.slice(i);
  if (rest.length === 0) return base;
  const info: RequestInfo = { ...base, isResourceRequest: true, verb: verbs[method] ?? method.toLowerCase() };
  // Deprecated /watch/ prefix paths: /api/v1/watch/namespaces/x/pods.
  let watchPrefix = false;
  if (rest[0] === 'watch') { watchPrefix = true; rest = rest.slice(1); }
  // A step after namespaces/<ns> that is not a namespace subresource names a resource in it.
  if (rest[0] === 'namespaces' && rest.length > 1) {
    info.namespace = rest[1];
    if (rest.length > 2 && !namespaceSubresources.has(rest[2])) rest = rest.slice(2);
  }
  info.resource = rest[0];
  info.name = rest[1];
  info.subresource = rest[2];
  info.rest = rest.slice(3);
  if (info.verb === 'get' && !info.name) info.verb = 'list';
  if (info.verb === 'delete' && !info.name) info.verb = 'deletecollection';
  const w = query.get('watch');
  if (watchPrefix || ((info.verb === 'list' || info.verb === 'get') && (w === 'true' || w === '1'))) info.verb = 'watch';
  return info;
}

function safeDecode(p: string): string {
  try { return decodeURIComponent(p); } catch { return p; }
}
