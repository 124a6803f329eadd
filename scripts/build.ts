/**
 * Build step run by ./k8ts when its inputs change: generates files under build/ that are
 * derived from installed dependencies (never committed), e.g. the OpenAPI documents built
 * from the descriptions `kubernetes-types` carries, and the stripped JavaScript of src/ in
 * build/js/ that ./k8ts runs (./strip-build.ts), and the web dashboard in build/dashboard/
 * (./build-dashboard.ts, Vite; only when its inputs changed).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripBuild } from './strip-build.ts';
import { buildDashboard } from './build-dashboard.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build');
mkdirSync(out, { recursive: true });
const started = performance.now();
const gen = join(root, 'scripts', 'openapi', 'generate.ts');
if (existsSync(gen)) {
  const { generate } = await import('./openapi/generate.ts');
  await generate(join(out, 'openapi'));
}
const stripStarted = performance.now();
try {
  const count = stripBuild(join(root, 'src'), join(out, 'js'));
  console.error(`k8ts: stripped ${count} files into build/js in ${Math.round(performance.now() - stripStarted)} ms`);
} catch (e) {
  // Never leave a stale build/js behind: without it ./k8ts runs the sources, and says what is wrong there.
  rmSync(join(out, 'js'), { recursive: true, force: true });
  console.error(`k8ts: warning: no stripped build (running the .ts sources): ${(e as Error).message}`);
}
try {
  // The web dashboard (Vite): skipped when its inputs have not changed since the last build.
  const d = await buildDashboard(root);
  if (d.built) console.error(`k8ts: built the dashboard into build/dashboard in ${Math.round(d.ms)} ms (${Math.round((d.bytes?.gzip ?? 0) / 1024)} KiB gzipped)`);
} catch (e) {
  // The CLI works without it; \`k8ts dashboard\` then says the app is not built.
  console.error(`k8ts: warning: dashboard app not built: ${(e as Error).message}`);
}
writeFileSync(join(out, '.stamp'), new Date().toISOString());
console.error(`k8ts: build done in ${Math.round(performance.now() - started)} ms`);
