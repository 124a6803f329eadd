/**
 * Stream figures (issue 5): port-forward throughput and exec round trip through kubectl →
 * API server → kubelet → containerd, beside the same on the bare CRI stream. The
 * measuring code lives with the streams suite (it needs its real cluster and pods); this
 * script runs that suite and prints only its figures. Needs root (a real node).
 *
 *   node bench/streams.ts
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', '--test', '--test-reporter=spec', join(root, 'src/kubelet/streams/streams-1-33.test.ts')],
  { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
const lines = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /^\s*# /.test(l) && /MB\/s|ms/.test(l));
console.log(`k8ts stream benchmark (${new Date().toISOString()}, node ${process.version})`);
for (const l of lines) console.log(l.replace(/^\s*# /, '  '));
if (r.status !== 0) { console.error('the streams suite failed: run it with node --test to see why'); process.exit(1); }
