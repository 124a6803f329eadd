/**
 * Serves the generated OpenAPI documents (scripts/openapi/generate.ts writes them under build/openapi/):
 *   GET /openapi/v2                  gnostic protobuf when asked for it (kubectl 1.27/1.28), JSON otherwise
 *   GET /openapi/v3                  the index of group-version documents
 *   GET /openapi/v3/<gv>?hash=H      one group-version document
 * Caching follows kube-openapi pkg/handler3: a URL with the current hash never changes, so it is
 * `public, immutable`; a stale hash redirects to the current one; everything else is `no-cache, private`.
 */
import { readFileSync } from 'node:fs';
import { OPENAPI_BUILD_DIR } from './build-dir.ts';
import { StatusError } from '../../api/errors.ts';

export interface OpenAPIResponse { status: number; headers: Record<string, string>; body: Buffer }

/** The dot form: Go's MIME parser rejects the `@` form kubectl sends in Accept (contract §7.1). */
export const PROTO_V2 = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

const NO_CACHE = 'no-cache, private';

interface Loaded {
  v2json: Buffer;
  v2pb: Buffer;
  index: Buffer;
  docs: Map<string, { body: Buffer; hash: string }>;
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const dir = OPENAPI_BUILD_DIR;
  const read = (p: string) => readFileSync(new URL(p, dir));
  const index = read('v3/index.json');
  const paths = (JSON.parse(index.toString()) as { paths: Record<string, { serverRelativeURL: string }> }).paths;
  const docs = new Map<string, { body: Buffer; hash: string }>();
  for (const [gv, { serverRelativeURL }] of Object.entries(paths)) {
    docs.set(gv, { body: read(`v3/${gv}.json`), hash: new URL(serverRelativeURL, 'http://x').searchParams.get('hash') ?? '' });
  }
  loaded = { v2json: read('v2.json'), v2pb: read('v2.pb'), index, docs };
  return loaded;
}

const json = (body: Buffer, cache = NO_CACHE, extra: Record<string, string> = {}): OpenAPIResponse =>
  ({ status: 200, headers: { 'Content-Type': 'application/json', 'Cache-Control': cache, ...extra }, body });

function notFound(path: string): OpenAPIResponse {
  const status = new StatusError({ code: 404, reason: 'NotFound', message: `the server could not find the requested resource (get ${path})` }).status;
  return { status: 404, headers: { 'Content-Type': 'application/json', 'Cache-Control': NO_CACHE }, body: Buffer.from(JSON.stringify(status)) };
}

/** Answers an OpenAPI path, or returns undefined when `path` is not one. */
export function openapiResponse(path: string, query: URLSearchParams, accept: string): OpenAPIResponse | undefined {
  if (path === '/openapi/v2') {
    const docs = load();
    if (accept.includes('application/com.github.proto-openapi.spec.v2')) {
      return { status: 200, headers: { 'Content-Type': PROTO_V2, 'Cache-Control': NO_CACHE, Vary: 'Accept' }, body: docs.v2pb };
    }
    return json(docs.v2json, NO_CACHE, { Vary: 'Accept' });
  }
  if (path === '/openapi/v3' || path === '/openapi/v3/') return json(load().index);
  if (!path.startsWith('/openapi/v3/')) return undefined;
  const gv = path.slice('/openapi/v3/'.length).replace(/\/$/, '');
  const doc = load().docs.get(gv);
  if (!doc) return notFound(path);
  const hash = query.get('hash');
  if (hash === null) return json(doc.body);
  if (hash !== doc.hash) {
    // kube-openapi answers a stale hash with a redirect to the current document.
    return { status: 301, headers: { Location: `/openapi/v3/${gv}?hash=${doc.hash}`, 'Cache-Control': NO_CACHE }, body: Buffer.alloc(0) };
  }
  return json(doc.body, 'public, immutable', { Etag: `"${doc.hash}"`, Expires: new Date(Date.now() + 365 * 86400_000).toUTCString() });
}
