/**
 * Build step run by ./k8ts when its inputs change: generates files under build/ that are
 * derived from installed dependencies (never committed), e.g. the OpenAPI documents built
 * from the descriptions `kubernetes-types` carries.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build');
mkdirSync(out, { recursive: true });
const started = performance.now();
const gen = join(root, 'scripts', 'openapi', 'generate.ts');
if (existsSync(gen)) {
  const { generate } = await import('./openapi/generate.ts');
  await generate(join(out, 'openapi'));
}
writeFileSync(join(out, '.stamp'), new Date().toISOString());
console.error(`k8ts: build done in ${Math.round(performance.now() - started)} ms`);
