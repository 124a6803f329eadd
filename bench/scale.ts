/**
 * Whole-cluster scale benchmark (not a test): `k8ts server --simulated-nodes N` as its own process,
 * deployments whose replicas add up to --pods, and one pod watch in this process noting when
 * each pod was first seen, bound (spec.nodeName set) and Running. Prints scheduling throughput,
 * create → Running throughput, p50/p99 time to Running and the server's peak RSS.
 *
 *   node bench/scale.ts --nodes 1000 --pods 30000 [--deployments 30] [--timeout 600] [--profile DIR]
 *       [--cluster-cidr 10.128.0.0/9] [--node-cidr-mask-size 24] [--start-delay 100ms]
 *
 * The server is `k8ts server --no-node --simulated-nodes N` with a node IPAM range
 * that holds the nodes (the server's default, 10.244.0.0/16 in /24s, holds 256).
 * --profile starts the server with `node --cpu-prof` and leaves the .cpuprofile in DIR.
 * --timeout (s) stops a run that has not finished and reports where it stands.
 * --start-delay is the simulated nodes' (`--simulated-start-delay`): how long after a pod reaches
 * its node it reports Running. Longer than the binding takes (e.g. 120s at 5 000 nodes), no
 * kubelet writes pods' status while pods are scheduled: the conditions of kube-scheduler's
 * scheduler_perf, which has no kubelets. "Running when the last pod was bound" says how far a run
 * got from them (0: none overlapped).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Deployment } from 'kubernetes-types/apps/v1.d.ts';
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { httpsClient, type Reply } from '../test/https-client.ts';
import { freePort } from '../test/server-process.ts';
import { parseDuration } from '../src/cli/options.ts';
import { k8tsMain, startServerChild, stopServerChild, type ServerChild } from './server-child.ts';

const { values: args } = parseArgs({ options: {
  nodes: { type: 'string', default: '1000' },
  pods: { type: 'string', default: '30000' },
  deployments: { type: 'string', default: '30' },
  timeout: { type: 'string', default: '600' },
  'cluster-cidr': { type: 'string', default: '10.128.0.0/9' },
  'node-cidr-mask-size': { type: 'string', default: '24' },
  'start-delay': { type: 'string' },
  profile: { type: 'string' },
  /** Extra flags for the server's node (e.g. "--v8-pool-size=1"), space separated: for experiments. */
  'node-args': { type: 'string', default: '' },
} });
const NODES = Number(args.nodes);
const PODS = Number(args.pods);
const DEPLOYMENTS = Math.min(Number(args.deployments), PODS);
const TIMEOUT_MS = Number(args.timeout) * 1000;
const START_DELAY_MS = args['start-delay'] ? parseDuration(args['start-delay']) : 0;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const NS = 'scale';

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** CPU seconds a process has used (user + system, all threads), from /proc/PID/stat; NaN once it is gone. */
const procCpuS = (pid: number): number => {
  let stat: string;
  try { stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { return NaN; }
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime, in clock ticks: USER_HZ, which Linux fixes at 100 for user space.
  return (Number(f[11]) + Number(f[12])) / 100;
};
/** Bytes a process has passed to write(2) and its kin (files and sockets alike), from /proc/PID/io; NaN once it is gone. */
const procWrittenBytes = (pid: number): number => {
  try { return Number(/^wchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))![1]); } catch { return NaN; }
};
const procKB = (pid: number, field: string): number => {
  try { return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]); } catch { return NaN; }
};
const mb = (kb: number) => Math.round(kb / 1024);
const secs = (ms: number) => (ms / 1000).toFixed(1);

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

function expect(r: Reply, ok: number[], what: string): Reply {
  if (!ok.includes(r.status)) throw new Error(`${what}: HTTP ${r.status}: ${r.text.slice(0, 300)}`);
  return r;
}

// ---- server process -----------------------------------------------------------------------

type Server = ServerChild;

/** `k8ts server` with simulated nodes only, as its own process, ready when /readyz answers. */
function startServer(dataDir: string, port: number): Promise<Server> {
  const nodeArgs = ['--disable-warning=ExperimentalWarning', ...args['node-args']!.split(' ').filter(Boolean), ...(args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [])];
  return startServerChild([...nodeArgs, k8tsMain(ROOT), 'server', '--no-node', '--simulated-nodes', String(NODES),
    '--cluster-cidr', args['cluster-cidr']!, '--node-cidr-mask-size', args['node-cidr-mask-size']!,
    ...(args['start-delay'] ? ['--simulated-start-delay', args['start-delay']] : []),
    '--data-dir', dataDir, '--api-port', String(port)], port, 60_000);
}

const stopServer = (s: Server) => stopServerChild(s, 30_000);

// ---- the workload -------------------------------------------------------------------------

function deployment(i: number, replicas: number): Deployment {
  const app = `scale-${String(i).padStart(3, '0')}`;
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: app, namespace: NS },
    spec: {
      replicas,
      selector: { matchLabels: { app } },
      template: {
        metadata: { labels: { app } },
        spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1.0',
          resources: { requests: { cpu: '50m', memory: '64Mi' } } }] },
      },
    },
  };
}

/** Replica counts of `d` deployments adding up to `total`. */
const split = (total: number, d: number) => Array.from({ length: d }, (_, i) => Math.floor(total / d) + (i < total % d ? 1 : 0));

// ---- the pod watch ------------------------------------------------------------------------

interface PodTimes { seen: number; bound?: number; running?: number }

/**
 * One watch on the namespace's pods from `rv`, reopened from the last resourceVersion if the
 * server ends it. Each line is cut with regular expressions rather than JSON.parse so this
 * client stays cheap next to the server on the same cores.
 */
function watchPods(url: string, tls: { ca: string; cert: string; key: string }, rv: string, pods: Map<string, PodTimes>, stop: AbortSignal) {
  const base = new URL(url);
  const agent = new Agent({ keepAlive: false, ...tls });
  const stats = { events: 0, reconnects: 0, bound: 0, running: 0, lastBind: 0, lastRunning: 0, runningAtLastBind: 0, firstBind: Infinity, firstSeen: Infinity };
  const reName = /"metadata":\{[^{}]*?"name":"([^"]+)"/;
  const reRV = /"resourceVersion":"(\d+)"/;
  const onLine = (line: string) => {
    if (!line) return;
    const now = performance.now();
    stats.events++;
    const type = /^\{"type":"(\w+)"/.exec(line)?.[1];
    if (type === 'BOOKMARK' || type === 'ERROR') {
      if (type === 'ERROR') console.error(`scale: watch error: ${line.slice(0, 300)}`);
      const m = reRV.exec(line); if (m) rv = m[1];
      return;
    }
    const name = reName.exec(line)?.[1];
    const m = reRV.exec(line); if (m) rv = m[1];
    if (!name || type === 'DELETED') return;
    let t = pods.get(name);
    if (!t) { t = { seen: now }; pods.set(name, t); stats.firstSeen = Math.min(stats.firstSeen, now); }
    if (t.bound === undefined && line.includes('"nodeName":"')) {
      t.bound = now; stats.bound++; stats.lastBind = now; stats.firstBind = Math.min(stats.firstBind, now);
      stats.runningAtLastBind = stats.running;
    }
    if (t.running === undefined && line.includes('"phase":"Running"')) { t.running = now; stats.running++; stats.lastRunning = now; }
  };
  const open = () => {
    if (stop.aborted) return;
    const req = request({ host: base.hostname, port: base.port, agent, signal: stop,
      path: `/api/v1/namespaces/${NS}/pods?watch=1&resourceVersion=${rv}&allowWatchBookmarks=true` }, (res) => {
      if (res.statusCode !== 200) { console.error(`scale: watch HTTP ${res.statusCode}`); res.resume(); return; }
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) { onLine(buf.slice(0, i)); buf = buf.slice(i + 1); }
      });
      res.on('end', () => { if (!stop.aborted) { stats.reconnects++; open(); } });
      res.on('error', () => {});
    });
    req.on('error', (e) => { if (!stop.aborted) { console.error(`scale: watch: ${e.message}`); stats.reconnects++; setTimeout(open, 200); } });
    req.end();
  };
  open();
  return { stats, close: () => agent.destroy() };
}

// ---- the run --------------------------------------------------------------------------------

const dataDir = mkdtempSync(join(tmpdir(), 'k8ts-scale-'));
const port = await freePort();
const tStart = performance.now();
const server = await startServer(dataDir, port);
console.error(`scale: server pid ${server.pid} on ${server.url}, ${NODES} nodes, ${PODS} pods in ${DEPLOYMENTS} deployments`);
const stopWatch = new AbortController();
let result: Record<string, unknown> = {};
try {
  const pki = { caCertPem: readFileSync(join(dataDir, 'pki/ca.crt'), 'utf8'), adminCertPem: readFileSync(join(dataDir, 'pki/admin.crt'), 'utf8'), adminKeyPem: readFileSync(join(dataDir, 'pki/admin.key'), 'utf8') };
  const tls = { ca: pki.caCertPem, cert: pki.adminCertPem, key: pki.adminKeyPem };
  const api = httpsClient(server.url, pki, { maxSockets: 8 });

  // 1. N Ready nodes with a podCIDR (the node IPAM controller's work).
  const tNodes0 = performance.now();
  let ready = 0, lastReady = -1, lastReadyChange = tNodes0;
  for (;;) {
    const list = expect(await api.call('GET', '/api/v1/nodes'), [200], 'list nodes').json() as { items: Node[] };
    ready = list.items.filter((n) => n.spec?.podCIDR && n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
    if (ready >= NODES) break;
    if (ready !== lastReady) { lastReady = ready; lastReadyChange = performance.now(); }
    if (list.items.length >= NODES && performance.now() - lastReadyChange > 30_000) {
      throw new Error(`stuck at ${ready} of ${NODES} nodes Ready with a podCIDR for 30 s (is --cluster-cidr big enough?)`);
    }
    if (performance.now() - tNodes0 > TIMEOUT_MS) throw new Error(`only ${ready} of ${NODES} nodes Ready with a podCIDR after ${secs(TIMEOUT_MS)} s`);
    console.error(`scale: ${list.items.length} nodes, ${ready} Ready with a podCIDR (${secs(performance.now() - tNodes0)} s, RSS ${mb(procKB(server.pid, 'VmRSS'))} MB)`);
    await settle(2000);
  }
  const nodesMs = performance.now() - tStart;
  const rssNodesKB = procKB(server.pid, 'VmRSS');
  console.error(`scale: ${ready} nodes Ready in ${secs(nodesMs)} s from spawn, RSS ${mb(rssNodesKB)} MB`);

  // 2. Namespace, then the watch from the (empty) list's resourceVersion, then the deployments.
  expect(await api.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } }), [201, 409], 'create namespace');
  const rv = (expect(await api.call('GET', `/api/v1/namespaces/${NS}/pods?limit=1`), [200], 'list pods').json()).metadata.resourceVersion as string;
  const pods = new Map<string, PodTimes>();
  const watch = watchPods(server.url, tls, rv, pods, stopWatch.signal);
  const tCreate0 = performance.now();
  const cpu0 = procCpuS(server.pid);
  const written0 = procWrittenBytes(server.pid);
  const progress = () => {
    const w = watch.stats;
    console.error(`scale: ${secs(performance.now() - tCreate0)} s: ${pods.size} pods seen, ${w.bound} bound, ${w.running} Running; RSS ${mb(procKB(server.pid, 'VmRSS'))} MB`);
  };
  const ticker = setInterval(progress, 5000);
  // One at a time: a busy server answers them late, and each one's time says how busy it is.
  const createMs: number[] = [];
  for (const [i, r] of split(PODS, DEPLOYMENTS).entries()) {
    const t0 = performance.now();
    expect(await api.call('POST', `/apis/apps/v1/namespaces/${NS}/deployments`, deployment(i, r)), [201], `create deployment ${i}`);
    createMs.push(performance.now() - t0);
  }

  // 3. Wait for every pod Running; give up at the timeout or after 60 s without progress
  // (plus the start delay, during which bound pods wait for their nodes by design).
  let last = -1, lastChange = performance.now(), timedOut = false;
  for (;;) {
    const w = watch.stats;
    if (w.running >= PODS) break;
    const now = performance.now();
    if (w.running + w.bound + pods.size !== last) { last = w.running + w.bound + pods.size; lastChange = now; }
    if (now - tCreate0 > TIMEOUT_MS || now - lastChange > 60_000 + START_DELAY_MS) { timedOut = true; break; }
    await settle(200);
  }
  clearInterval(ticker);
  const s = watch.stats;
  const tEnd = performance.now();
  const serverCpuS = procCpuS(server.pid) - cpu0;
  const writtenBytes = procWrittenBytes(server.pid) - written0;
  const toRunning = [...pods.values()].filter((t) => t.running !== undefined).map((t) => t.running! - t.seen);
  const toBound = [...pods.values()].filter((t) => t.bound !== undefined).map((t) => t.bound! - t.seen);
  const bindSpanMs = s.lastBind - s.firstBind;
  const e2eSpanMs = (timedOut ? tEnd : s.lastRunning) - tCreate0;
  result = {
    nodes: NODES, pods: PODS, deployments: DEPLOYMENTS, finished: !timedOut,
    nodesReadyS: +secs(nodesMs), deploymentCreateP50Ms: Math.round(pct(createMs, 50)), deploymentCreateMaxMs: Math.round(Math.max(...createMs)),
    seen: pods.size, bound: s.bound, running: s.running, watchEvents: s.events, watchReconnects: s.reconnects,
    firstPodSeenMs: Math.round(s.firstSeen - tCreate0),
    schedulingPodsPerS: Math.round(s.bound / (bindSpanMs / 1000)), runningAtLastBind: s.runningAtLastBind,
    e2ePodsPerS: Math.round(s.running / (e2eSpanMs / 1000)),
    e2eSpanS: +secs(e2eSpanMs),
    serverCpuMsPerPod: +(serverCpuS * 1000 / Math.max(1, s.running)).toFixed(2),
    serverWrittenKBPerPod: Math.round(writtenBytes / 1024 / Math.max(1, s.running)),
    toBoundP50Ms: Math.round(pct(toBound, 50)), toBoundP99Ms: Math.round(pct(toBound, 99)),
    toRunningP50Ms: Math.round(pct(toRunning, 50)), toRunningP99Ms: Math.round(pct(toRunning, 99)),
    rssNodesMB: mb(rssNodesKB), rssEndMB: mb(procKB(server.pid, 'VmRSS')), peakRssMB: mb(procKB(server.pid, 'VmHWM')),
  };
  stopWatch.abort();
  watch.close();
  api.close();
} finally {
  stopWatch.abort();
  await stopServer(server);
  if (server.child.exitCode !== 0 && server.child.exitCode !== null) console.error(`scale: server exited ${server.child.exitCode}: ${server.output().slice(-2000)}`);
  rmSync(dataDir, { recursive: true, force: true });
}

const r = result as Record<string, number | boolean>;
const rows: [string, string, string][] = [
  ['nodes Ready with podCIDR (from spawn)', `${r.nodesReadyS} s`, ''],
  ['pods seen / bound / Running', `${r.seen} / ${r.bound} / ${r.running} of ${PODS}`, r.finished ? '' : 'UNFINISHED'],
  ['scheduling throughput (first to last bind)', `${r.schedulingPodsPerS} pods/s`, '≥ 2000 pods/s at 5000 nodes'],
  ['Running when the last pod was bound', `${r.runningAtLastBind}`, 'kubelet writes beside the scheduling (0 with --start-delay: scheduler_perf\'s conditions)'],
  ['create → Running throughput', `${r.e2ePodsPerS} pods/s over ${r.e2eSpanS} s`, '≥ 1000 pods/s'],
  ['server CPU per pod (create → Running, all threads)', `${r.serverCpuMsPerPod} ms`, '2 cores: 1 ms per pod = 2000 pods/s at best'],
  ['server bytes written per pod (WAL, checkpoint, sockets)', `${r.serverWrittenKBPerPod} KB`, ''],
  ['first seen → bound p50 / p99', `${r.toBoundP50Ms} / ${r.toBoundP99Ms} ms`, ''],
  ['first seen → Running p50 / p99', `${r.toRunningP50Ms} / ${r.toRunningP99Ms} ms`, ''],
  ['server RSS after nodes / at end / peak (VmHWM)', `${r.rssNodesMB} / ${r.rssEndMB} / ${r.peakRssMB} MB`, '150 000 pods in ≤ 4 GB'],
];
for (const [k, v, aim] of rows) console.log(`${k.padEnd(48)} ${v.padEnd(36)} ${aim}`);
console.log(JSON.stringify(result));
