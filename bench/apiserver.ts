/**
 * API server benchmark (not a test): latency and throughput of the REST verbs on pods, LIST of
 * all pods, watch delivery, startup time and RSS of a `k8ts server` run as its own process, so
 * the client's CPU is not counted in the server. Figures go to docs/benchmarks.md.
 *
 *   node bench/apiserver.ts [--pods 10000] [--watch-writes 300] [--no-store] [--profile <dir>]
 *
 * --profile starts the server with `node --cpu-prof` and leaves the .cpuprofile in <dir>.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { httpsClient, type Reply } from '../test/https-client.ts';
import { freePort } from '../test/server-process.ts';
import { k8tsMain, startServerChild, stopServerChild, type ServerChild } from './server-child.ts';

const { values: args } = parseArgs({ options: {
  pods: { type: 'string', default: '10000' },
  'watch-writes': { type: 'string', default: '300' },
  'no-store': { type: 'boolean', default: false },
  profile: { type: 'string' },
} });
const PODS = Number(args.pods);
const WATCH_WRITES = Number(args['watch-writes']);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const NS = 'bench';
const PODS_PATH = `/api/v1/namespaces/${NS}/pods`;
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

// ---- figures ----------------------------------------------------------------------------

interface Row { name: string; n: number; p50: number; p99: number; aim?: string; ok?: boolean; note?: string }
const rows: Row[] = [];
const extra: Record<string, number | string> = {};

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Records p50/p99 of `samples`; `aimP99` (ms) is the issue's target for the p99, if any. */
function record(name: string, samples: number[], aimP99?: number, note?: string): void {
  const p99 = pct(samples, 99);
  rows.push({ name, n: samples.length, p50: pct(samples, 50), p99, note,
    ...(aimP99 === undefined ? {} : { aim: `p99 ≤ ${aimP99} ms`, ok: p99 <= aimP99 }) });
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) { const t0 = performance.now(); await fn(i); out.push(performance.now() - t0); }
  return out;
}

function expect(r: Reply, status: number, what: string): Reply {
  if (r.status !== status) throw new Error(`${what}: HTTP ${r.status} (want ${status}): ${r.text.slice(0, 300)}`);
  return r;
}

const rssMB = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const hwmMB = (pid: number): number => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- the pod a ReplicaSet would create (~1.5 KB) ---------------------------------------

const podName = (i: number) => `web-7d9f8c6b5d-${String(i).padStart(5, '0')}`;

function pod(i: number): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: podName(i), namespace: NS,
      labels: { app: 'web', tier: 'frontend', 'pod-template-hash': '7d9f8c6b5d', 'app.kubernetes.io/version': '1.27.3' },
      annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9113' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f8c6b5d', uid: '3f0c6c52-9d7e-4a51-8c2b-5f4e1b7a9d10', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      containers: [{
        name: 'nginx', image: 'registry.example.com/web/nginx:1.27.3', imagePullPolicy: 'IfNotPresent',
        ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }, { name: 'metrics', containerPort: 9113, protocol: 'TCP' }],
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
        env: [
          { name: 'LOG_LEVEL', value: 'info' }, { name: 'WORKERS', value: '4' },
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        ],
        readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
        volumeMounts: [{ name: 'config', mountPath: '/etc/nginx/conf.d', readOnly: true }],
      }],
      volumes: [{ name: 'config', configMap: { name: 'web-nginx-config' } }],
      terminationGracePeriodSeconds: 30, restartPolicy: 'Always', dnsPolicy: 'ClusterFirst',
    },
  };
}

// ---- server process ---------------------------------------------------------------------

type Server = ServerChild;

/** `k8ts server --api-only` as its own process, ready when /readyz answers. */
function startServer(dataDir: string, port: number): Promise<Server> {
  const nodeArgs = ['--disable-warning=ExperimentalWarning', ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [])];
  return startServerChild([...nodeArgs, k8tsMain(ROOT), 'server', '--api-only', '--data-dir', dataDir, '--api-port', String(port)], port, 30_000);
}

const stopServer = (s: Server) => stopServerChild(s);

// ---- watch streams ------------------------------------------------------------------------

/**
 * Opens `count` watches on the bench namespace's pods from `rv`, each on its own connection, and
 * notes when each MODIFIED event carrying a `bench/seq` annotation arrives. Lines are not parsed
 * as JSON (only the seq is cut out) so that 100 watchers in this one client process stay cheap.
 */
async function openWatchers(url: string, tls: Pick<RequestOptions, 'ca' | 'cert' | 'key'>, rv: string, count: number) {
  const base = new URL(url);
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity, ...tls });
  const arrivals = new Map<number, number[]>();
  let seen = 0;
  let waiter: { want: number; resolve: () => void } | undefined;
  const reqs = await Promise.all(Array.from({ length: count }, () => new Promise<ReturnType<typeof request>>((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, agent, path: `${PODS_PATH}?watch=1&resourceVersion=${rv}&allowWatchBookmarks=false` }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`watch: HTTP ${res.statusCode}`));
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const now = performance.now();
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          const m = /"bench\/seq":"(\d+)"/.exec(line);
          if (!m) continue;
          const seq = Number(m[1]);
          (arrivals.get(seq) ?? arrivals.set(seq, []).get(seq)!).push(now);
          seen++;
        }
        if (waiter && seen >= waiter.want) waiter.resolve();
      });
      resolve(req);
    });
    req.on('error', reject);
    req.end();
  })));
  return {
    arrivals,
    /** Resolves once `want` events in all have arrived (or rejects after 30 s). */
    waitFor(want: number): Promise<void> {
      if (seen >= want) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`watch: ${seen} of ${want} events after 30 s`)), 30_000);
        waiter = { want, resolve: () => { clearTimeout(t); resolve(); } };
      });
    },
    close() { for (const r of reqs) r.destroy(); agent.destroy(); },
  };
}

/**
 * Watch delivery latency: sequential merge patches, each tagged with a seq; a sample is the time
 * from the patch's response arriving to the event arriving on one watcher. An event that beats
 * the response (the server may flush the watch before the reply) counts as 0.
 */
async function watchDelivery(api: ReturnType<typeof httpsClient>, url: string, tls: Pick<RequestOptions, 'ca' | 'cert' | 'key'>, watchers: number, writes: number, seqBase: number) {
  const rv = expect(await api.call('GET', `${PODS_PATH}?limit=1`), 200, 'list rv').json().metadata.resourceVersion as string;
  const w = await openWatchers(url, tls, rv, watchers);
  await settle(200); // let every watch register before the first write
  const replied = new Map<number, number>();
  for (let i = 0; i < writes; i++) {
    const seq = seqBase + i;
    const r = await api.call('PATCH', `${PODS_PATH}/${podName(i % PODS)}`, { metadata: { annotations: { 'bench/seq': String(seq) } } },
      { 'Content-Type': 'application/merge-patch+json' });
    replied.set(seq, performance.now());
    expect(r, 200, 'watch write');
  }
  await w.waitFor(writes * watchers);
  w.close();
  const lat: number[] = [];
  let early = 0;
  for (const [seq, at] of replied) for (const t of w.arrivals.get(seq) ?? []) { if (t < at) early++; lat.push(Math.max(0, t - at)); }
  return { lat, early };
}

// ---- the run ------------------------------------------------------------------------------

async function runStoreBench(size: number): Promise<Row[]> {
  const r = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', join(ROOT, 'bench/store.ts'), '--keys', String(PODS), '--size', String(size)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench/store.ts failed: ${r.stderr}`);
  const out: Row[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^(\S.*?)\s+(\d+)\s+([\d.]+)\s+([\d.]+)$/.exec(line);
    if (m) out.push({ name: `store ${m[1]}`, n: Number(m[2]), p50: Number(m[3]), p99: Number(m[4]) });
  }
  return out;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'k8ts-bench-api-'));
  let server: Server | undefined;
  const tBench = performance.now();
  try {
    server = await startServer(dataDir, await freePort());
    extra.startupMs = Math.round(server.startupMs);
    const pki = { caCertPem: readFileSync(join(dataDir, 'pki/ca.crt'), 'utf8'), adminCertPem: readFileSync(join(dataDir, 'pki/admin.crt'), 'utf8'), adminKeyPem: readFileSync(join(dataDir, 'pki/admin.key'), 'utf8') };
    const tls = { ca: pki.caCertPem, cert: pki.adminCertPem, key: pki.adminKeyPem };
    const api = httpsClient(server.url, pki, { maxSockets: 16 });
    await settle(1000);
    extra.idleRssStartMB = Math.round(rssMB(server.pid));
    expect(await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } }), 201, 'namespace');

    // Creates: the first half one at a time (latency), the rest 16 in flight (throughput).
    const half = Math.floor(PODS / 2);
    record('create (sequential)', await timeEach(half, async (i) => expect(await api.call('POST', PODS_PATH, pod(i)), 201, 'create')), 10);
    const conc: number[] = [];
    let next = half;
    const tConc = performance.now();
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < PODS) {
        const i = next++;
        const t0 = performance.now();
        expect(await api.call('POST', PODS_PATH, pod(i)), 201, 'create');
        conc.push(performance.now() - t0);
      }
    }));
    extra.createPerSec16 = Math.round((PODS - half) / ((performance.now() - tConc) / 1000));
    record('create (16 in flight)', conc, undefined, `${extra.createPerSec16} req/s`);

    const sample = Math.min(PODS, 2000);
    const pick = (i: number) => podName((i * 7919) % PODS);
    let bytes = 0;
    record('get', await timeEach(sample, async (i) => { bytes = expect(await api.call('GET', `${PODS_PATH}/${pick(i)}`), 200, 'get').text.length; }), 5);
    extra.podBytes = bytes;
    extra.podInBytes = JSON.stringify(pod(0)).length;
    const puts: number[] = [];
    for (let i = 0; i < sample / 2; i++) {
      const cur = expect(await api.call('GET', `${PODS_PATH}/${pick(i)}`), 200, 'get').json() as Pod;
      cur.metadata!.labels!.rev = String(i);
      const t0 = performance.now();
      expect(await api.call('PUT', `${PODS_PATH}/${pick(i)}`, cur), 200, 'put');
      puts.push(performance.now() - t0);
    }
    record('update (PUT)', puts, 10);
    record('patch (merge)', await timeEach(sample / 2, async (i) => expect(await api.call('PATCH', `${PODS_PATH}/${pick(i)}`,
      { metadata: { labels: { patched: String(i) } } }, { 'Content-Type': 'application/merge-patch+json' }), 200, 'patch')), 10);

    await settle(1000);
    extra.idleRssLoadedMB = Math.round(rssMB(server.pid));

    const lists: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      const r = expect(await api.call('GET', PODS_PATH), 200, 'list');
      lists.push(performance.now() - t0);
      if (i === 0) { extra.listMB = +(r.text.length / 1e6).toFixed(1); if (r.json().items.length !== PODS) throw new Error('short list'); }
    }
    record(`list ${PODS} (JSON)`, lists, 300);
    record(`list ${PODS} (Table)`, await timeEach(10, async () => expect(await api.call('GET', PODS_PATH, undefined, { Accept: TABLE }), 200, 'table')), 300);
    // kubectl (Go's transport) asks for gzip; the server compresses bodies over 128 KiB.
    record(`list ${PODS} (JSON, gzip)`, await timeEach(5, async () => expect(await api.call('GET', PODS_PATH, undefined, { 'Accept-Encoding': 'gzip' }), 200, 'gzip list')), 300);
    const pages: number[] = [];
    const walks: number[] = [];
    for (let w = 0; w < 3; w++) {
      const tw = performance.now();
      let cont = '';
      do {
        const t0 = performance.now();
        const r = expect(await api.call('GET', `${PODS_PATH}?limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`), 200, 'page');
        pages.push(performance.now() - t0);
        cont = r.json().metadata.continue ?? '';
      } while (cont);
      walks.push(performance.now() - tw);
    }
    record('list page limit=500', pages);
    record(`list ${PODS} in pages of 500`, walks, 300);

    const w1 = await watchDelivery(api, server.url, tls, 1, WATCH_WRITES, 0);
    record('watch delivery, 1 watcher', w1.lat, undefined, `${w1.early} events before the write's reply`);
    const w100 = await watchDelivery(api, server.url, tls, 100, Math.max(1, Math.floor(WATCH_WRITES / 3)), 1_000_000);
    record('watch delivery, 100 watchers', w100.lat, undefined, `${w100.early} events before the write's reply`);
    extra.peakRssMB = Math.round(hwmMB(server.pid));
    api.close();
  } finally {
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
  extra.benchSeconds = Math.round((performance.now() - tBench) / 1000);
  // The raw store alone, after the server stopped so they do not share the CPU.
  if (!args['no-store']) rows.push(...await runStoreBench(Number(extra.podBytes) || 2048));
  print();
}

function print(): void {
  const f = (x: number) => x.toFixed(2).padStart(10);
  console.log(`k8ts API server benchmark: ${PODS} pods, node ${process.version}`);
  console.log('operation'.padEnd(32) + 'n'.padStart(7) + 'p50 ms'.padStart(10) + 'p99 ms'.padStart(10) + '  aim');
  for (const r of rows) {
    const aim = r.aim ? `${r.aim} ${r.ok ? 'ok' : 'MISSED'}` : '';
    console.log(r.name.padEnd(32) + String(r.n).padStart(7) + f(r.p50) + f(r.p99) + `  ${aim}${r.note ? `  (${r.note})` : ''}`);
  }
  const rssOk = (mb: number) => (mb <= 80 ? 'ok' : 'MISSED');
  console.log(`startup to /readyz ${extra.startupMs} ms; idle RSS ${extra.idleRssStartMB} MB at start (aim ≤ 80: ${rssOk(Number(extra.idleRssStartMB))}), ` +
    `${extra.idleRssLoadedMB} MB with ${PODS} pods, peak ${extra.peakRssMB} MB; pod ${extra.podInBytes} B sent, ${extra.podBytes} B stored, list ${extra.listMB} MB; bench ${extra.benchSeconds} s`);
  console.log(JSON.stringify({ date: new Date().toISOString(), pods: PODS, node: process.version, ...extra,
    rows: rows.map((r) => ({ ...r, p50: +r.p50.toFixed(3), p99: +r.p99.toFixed(3) })) }));
}

await main();
