/**
 * Store benchmark (not a test): p50/p99 latency of the raw store operations on the SQLite
 * backend (and the memory one for comparison), then throughput with many writes in flight, as a
 * busy API server issues them (`--inflight` concurrent writers: creates, then get + update).
 *
 *   node bench/store.ts [--keys 10000] [--size 2048] [--backend sqlite|memory] [--inflight 200]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../src/store/sqlite/index.ts';
import { openMemoryStore } from '../src/store/memory/index.ts';
import type { Store } from '../src/store/types.ts';

const { values: args } = parseArgs({ options: {
  keys: { type: 'string', default: '10000' },
  size: { type: 'string', default: '2048' },
  backend: { type: 'string', default: 'sqlite' },
  inflight: { type: 'string', default: '200' },
} });
const INFLIGHT = Number(args.inflight);
const KEYS = Number(args.keys);
const value = (tag: string) => JSON.stringify({ tag, pad: 'x'.repeat(Math.max(0, Number(args.size) - 30)) });
const key = (i: number) => `/registry/pods/bench/pod-${String(i).padStart(6, '0')}`;

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) { const t0 = performance.now(); await fn(i); out.push(performance.now() - t0); }
  return out;
}

/** Runs `fn(0..n-1)` with `INFLIGHT` calls in flight; returns per-call latencies and calls/s. */
async function timeConcurrent(n: number, fn: (i: number) => Promise<unknown>): Promise<{ lat: number[]; perSec: number }> {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const t = performance.now();
      await fn(i);
      lat.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: Math.min(INFLIGHT, n) }, worker));
  return { lat, perSec: n / ((performance.now() - t0) / 1000) };
}

const rows: [string, number, number[]][] = [];
const rates: [string, number][] = [];
const dir = mkdtempSync(join(tmpdir(), 'k8ts-bench-'));
try {
  const s: Store = args.backend === 'memory' ? await openMemoryStore() : await openSqliteStore(join(dir, 'state.db'), { autoCompact: false });
  rows.push(['create', KEYS, await timeEach(KEYS, (i) => s.create(key(i), value('c')))]);
  rows.push(['get', KEYS, await timeEach(KEYS, (i) => s.get(key(i)))]);
  rows.push(['update', KEYS, await timeEach(KEYS, async (i) => {
    const kv = await s.get(key(i));
    const r = await s.update(key(i), value('u'), kv!.modRevision);
    if (!r.succeeded) throw new Error('update lost its compare');
  })]);
  rows.push([`list ${KEYS} keys`, 20, await timeEach(20, async () => {
    const r = await s.list('/registry/pods/');
    if (r.items.length !== KEYS) throw new Error('short list');
  })]);
  rows.push(['list limit 500', 200, await timeEach(200, (i) => s.list('/registry/pods/', { limit: 500, after: key((i * 37) % KEYS) }))]);
  rows.push(['count', 200, await timeEach(200, () => s.count('/registry/pods/'))]);

  // Many writes in flight (a busy API server): creates of new keys, then read-modify-write.
  const conc = await timeConcurrent(KEYS, (i) => s.create(`/registry/pods/conc/pod-${i}`, value('c')));
  rows.push([`create ×${INFLIGHT}`, KEYS, conc.lat]);
  rates.push([`create ×${INFLIGHT}`, conc.perSec]);
  const concUpd = await timeConcurrent(KEYS, async (i) => {
    const kv = await s.get(`/registry/pods/conc/pod-${i}`);
    const r = await s.update(kv!.key, value('u'), kv!.modRevision);
    if (!r.succeeded) throw new Error('update lost its compare');
  });
  rows.push([`get+update ×${INFLIGHT}`, KEYS, concUpd.lat]);
  rates.push([`get+update ×${INFLIGHT}`, concUpd.perSec]);

  // Watch delivery: time from the write call to the watcher's loop receiving the event.
  const w = s.watch('/registry/pods/', await s.currentRevision());
  const sent = new Map<number, number>();
  const lat: number[] = [];
  const N = 2000;
  const reader = (async () => {
    for await (const ev of w) { lat.push(performance.now() - sent.get(Number(ev.kv.key.slice(ev.kv.key.lastIndexOf("/p") + 2)))!); if (lat.length === N) break; }
  })();
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    sent.set(i, t0);
    await s.create(`/registry/pods/watch/p${i}`, value("w"));
    await new Promise<void>((r) => setImmediate(r)); // let the reader run, as the HTTP layer would
  }
  await reader;
  rows.push(['watch delivery', N, lat]);
  const t0 = performance.now();
  await s.compact(await s.currentRevision());
  rows.push(['compact (all)', 1, [performance.now() - t0]]);
  await s.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`backend=${args.backend} keys=${KEYS} value≈${args.size} B`);
console.log('operation'.padEnd(18) + 'n'.padStart(7) + 'p50 ms'.padStart(10) + 'p99 ms'.padStart(10));
for (const [name, n, samples] of rows) {
  console.log(name.padEnd(18) + String(n).padStart(7) + pct(samples, 50).toFixed(3).padStart(10) + pct(samples, 99).toFixed(3).padStart(10));
}
console.log('throughput'.padEnd(18) + 'writes/s'.padStart(17));
for (const [name, perSec] of rates) console.log(name.padEnd(18) + perSec.toFixed(0).padStart(17));
