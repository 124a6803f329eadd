/**
 * The whole test suite: type-check, then every *.test.ts under src/ and test/ with Node's
 * test runner. Tests that need root or a binary say so in their own setup.
 */
import { spawnSync } from 'node:child_process';
import { globSync, readdirSync, rmdirSync, type Dirent } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);

const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json')], { stdio: 'inherit', cwd: root });
if (tsc.status !== 0) { console.error('type-check failed'); process.exit(tsc.status ?? 1); }

const files = only.length ? only : globSync(['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'], { cwd: root }).sort();
const run = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', cwd: root, env: { ...process.env, K8TS_TEST: '1' } });
sweepEmptyPodCgroups();
process.exit(run.status ?? 1);

/**
 * Real-node tests create pod cgroups under `k8ts-<id>/` in each cgroup v1 hierarchy. A test that
 * stops its runtime by hand can leave them behind, empty; rmdir removes only empty ones, so
 * nothing that still runs is touched.
 */
function sweepEmptyPodCgroups(): void {
  const base = '/sys/fs/cgroup';
  let hierarchies: string[] = [];
  try { hierarchies = readdirSync(base); } catch { return; }
  const sweep = (dir: string): void => {
    let entries: Dirent[] = [];
    try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) if (e.isDirectory()) sweep(join(dir, e.name));
    try { rmdirSync(dir); } catch { /* busy or not empty: leave it */ }
  };
  for (const h of hierarchies) {
    let tops: string[] = [];
    try { tops = readdirSync(join(base, h)).filter((n) => n.startsWith('k8ts-')); } catch { continue; }
    for (const t of tops) sweep(join(base, h, t));
  }
}
