/**
 * The node's own registry: the built-in images (busybox, the nginx stand-ins, k8ts/web)
 * served read-only over the registry API on loopback, and named in containerd's hosts.toml
 * as the first mirror of docker.io. A pod of `nginx` (tag latest, so imagePullPolicy Always)
 * then pulls as on any node, and offline the pull resolves here instead of failing; an image
 * we do not have answers 404, and containerd goes on to the next host (a user's mirror, then
 * Docker Hub).
 *
 * Only what a pull reads: GET /v2/, HEAD/GET of manifests by tag or digest, and GET of blobs
 * (https://github.com/opencontainers/distribution-spec/blob/v1.0.1/spec.md#pull).
 * The images are built on the first request, so a start that never pulls pays nothing.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MEDIA, type BuiltImage } from './oci/image.ts';

export interface BuiltinRegistry { url: string; close(): Promise<void> }

interface Content { manifests: Map<string, string>; manifestDigests: Set<string>; blobs: Map<string, Buffer> }

/** Repository + tag (`library/nginx:latest`) → manifest digest, the manifests' digests, and every blob by digest. */
function index(images: { refs: string[]; image: BuiltImage }[]): Content {
  const manifests = new Map<string, string>(), manifestDigests = new Set<string>(), blobs = new Map<string, Buffer>();
  for (const { refs, image } of images) {
    for (const b of image.blobs) blobs.set(b.digest, b.data);
    for (const ref of refs) {
      if (!ref.startsWith('docker.io/')) continue;
      manifests.set(ref.slice('docker.io/'.length), image.manifestDigest);
      manifestDigests.add(image.manifestDigest);
    }
  }
  return { manifests, manifestDigests, blobs };
}

const PATH = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/;

export async function startBuiltinRegistry(build: () => { refs: string[]; image: BuiltImage }[]): Promise<BuiltinRegistry> {
  let content: Content | undefined;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    try {
      content ??= index(build());
      serve(content, req, res);
    } catch (e) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String((e as Error).message));
    }
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', () => resolve()); });
  server.unref(); // a helper of the node: it never keeps the process alive by itself
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}

function serve(c: Content, req: IncomingMessage, res: ServerResponse): void {
  const head = { 'Docker-Distribution-API-Version': 'registry/2.0' };
  if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, head).end(); return; }
  const url = new URL(req.url ?? '/', 'http://registry');
  if (url.pathname === '/v2/' || url.pathname === '/v2') { res.writeHead(200, { ...head, 'Content-Type': 'application/json' }).end('{}'); return; }
  const m = PATH.exec(url.pathname);
  const [, name, kind, ref] = m ?? [];
  const digest = !m ? undefined
    : kind === 'blobs' ? (c.blobs.has(ref!) ? ref : undefined)
      : ref!.startsWith('sha256:') ? (c.manifestDigests.has(ref!) ? ref : undefined) : c.manifests.get(`${name}:${ref}`);
  if (!digest) {
    const code = kind === 'blobs' ? 'BLOB_UNKNOWN' : 'MANIFEST_UNKNOWN';
    res.writeHead(404, { ...head, 'Content-Type': 'application/json' }).end(JSON.stringify({ errors: [{ code, message: `${name ?? url.pathname}: not here` }] }));
    return;
  }
  const data = c.blobs.get(digest)!;
  res.writeHead(200, {
    ...head, 'Docker-Content-Digest': digest, 'Content-Length': data.length,
    'Content-Type': kind === 'manifests' ? MEDIA.manifest : 'application/octet-stream',
  });
  res.end(req.method === 'HEAD' ? undefined : data);
}
