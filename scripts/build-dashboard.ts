/**
 * The dashboard app (src/dashboard/web/) built by Vite into build/dashboard/, only when its
 * inputs changed: a digest of the app's sources, the shared src/api modules it imports, and
 * the lock file is kept in build/dashboard/.inputs. The Vite config lives here, not in a file
 * of its own: Preact's JSX through Vite's own transform (no Babel plugin needed).
 */
import { createHash } from 'node:crypto';
import { existsSync, globSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DashboardBuild { built: boolean; ms: number; bytes?: { js: number; css: number; gzip: number } }

/** Files whose change means a rebuild (sizes and mtimes: cheap, and a touched file just rebuilds). */
export function inputsDigest(root: string): string {
  const h = createHash('sha256');
  const files = [...globSync(['src/dashboard/web/**/*', 'src/api/**/*.ts', 'scripts/build-dashboard.ts', 'package-lock.json'], { cwd: root })].sort();
  for (const f of files) {
    const s = statSync(join(root, f));
    if (s.isFile()) h.update(`${f}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return h.digest('hex');
}

export async function buildDashboard(root: string, force = false): Promise<DashboardBuild> {
  const t0 = performance.now();
  const out = join(root, 'build', 'dashboard');
  const stampFile = join(out, '.inputs');
  const digest = inputsDigest(root);
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest && existsSync(join(out, 'index.html'))) {
    return { built: false, ms: performance.now() - t0 };
  }
  const { build } = await import('vite');
  await build({
    root: join(root, 'src', 'dashboard', 'web'),
    configFile: false,
    logLevel: 'warn',
    base: '/',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: { outDir: out, emptyOutDir: true, target: 'es2022', reportCompressedSize: false, chunkSizeWarningLimit: 1024 },
  });
  writeFileSync(stampFile, digest);
  return { built: true, ms: performance.now() - t0, bytes: bundleSize(out) };
}

/** Bytes of the built JavaScript and CSS, and of both gzipped (what a browser downloads). */
export function bundleSize(out: string): { js: number; css: number; gzip: number } {
  const { gzipSync } = process.getBuiltinModule('node:zlib');
  let js = 0, css = 0, gzip = 0;
  for (const f of globSync('assets/*', { cwd: out })) {
    const buf = readFileSync(join(out, f));
    if (f.endsWith('.js')) js += buf.length;
    else if (f.endsWith('.css')) css += buf.length;
    else continue;
    gzip += gzipSync(buf).length;
  }
  return { js, css, gzip };
}

if (import.meta.main) {
  const root = join(import.meta.dirname, '..');
  const r = await buildDashboard(root, process.argv.includes('--force'));
  console.error(r.built ? `k8ts: dashboard built in ${Math.round(r.ms)} ms: ${JSON.stringify(r.bytes)}` : 'k8ts: dashboard up to date');
}
