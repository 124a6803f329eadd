/**
 * The whole test suite: type-check, then every *.test.ts under src/ and test/ with Node's
 * test runner. Tests that need root or a binary say so in their own setup.
 */
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit', cwd: root });
if (tsc.status !== 0) { console.error('type-check failed'); process.exit(tsc.status ?? 1); }

const files = only.length ? only : globSync(['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'], { cwd: root }).sort();
const run = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', cwd: root, env: { ...process.env, K8TS_TEST: '1' } });
process.exit(run.status ?? 1);
