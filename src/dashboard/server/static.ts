/**
 * The built app (build/dashboard/, made by scripts/build-dashboard.ts): hashed assets are
 * cached for good, index.html never, and any other path is the app's own route (index.html).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2', '.ico': 'image/x-icon',
};

/** build/dashboard of this checkout, found from this file whether it runs from src/ or build/js/. */
export function defaultStaticDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'build', 'dashboard');
}

const NOT_BUILT = `<!doctype html><title>k8ts dashboard</title><p>The dashboard app is not built. Run <code>./k8ts</code>
(or <code>node scripts/build.ts</code>) in the k8ts checkout; it builds <code>build/dashboard/</code> with Vite.</p>`;

export function serveStatic(root: string, path: string, res: ServerResponse): void {
  let decoded: string;
  try { decoded = decodeURIComponent(path.split('?')[0]); } catch {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad path encoding');
    return;
  }
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  let file = join(root, rel);
  if (!file.startsWith(root + sep) || !isFile(file)) file = join(root, 'index.html');
  if (!isFile(file)) {
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' }).end(NOT_BUILT);
    return;
  }
  const immutable = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(readFileSync(file));
}

function isFile(p: string): boolean {
  try { return statSync(p).isFile(); } catch { return false; }
}
