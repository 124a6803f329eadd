/**
 * Pod startup benchmark (not a test), issue 4: pod startup latency as Kubernetes' SLI defines it
 * (pod created → every container started, seen through a watch; image present), for a k8ts
 * cluster with its own node, side by side in the same run with `podman kube play` of the same
 * Pod YAML and with bare CRI calls on a containerd of our own (the floor). Also: `k8ts up` time
 * to a Ready node and the idle RSS of the k8ts server and of its containerd. Needs root.
 *
 *   node bench/pods.ts [--sequential 100] [--bursts 10,50] [--peer 20] [--no-podman] [--profile DIR]
 *
 * --profile runs `k8ts up` with `node --cpu-prof`; up passes its node flags to the server, whose
 * .cpuprofile lands in DIR when `down` stops it.
 *
 * The SLI is measured from the creationTimestamp, which has second precision; so the main
 * figure starts at the moment this client sends the create request (a lower bound of what the
 * SLI would give with a precise timestamp), and the creationTimestamp-based figure is shown too.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { availableParallelism as nproc, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { ensurePKI, type PKI } from '../src/apiserver/pki/index.ts';
import { bridgeNameFor } from '../src/cli/local-node.ts';
import { importImage } from '../src/containerd/ctr.ts';
import { buildBuiltinImages } from '../src/containerd/images.ts';
import { startContainerd } from '../src/containerd/supervisor.ts';
import { connectCRI } from '../src/kubelet/cri/client.ts';
import { httpsClient } from '../test/https-client.ts';
import { freePort } from '../test/server-process.ts';
import { cleanupNodeDir, nodeMissing } from '../test/e2e/node-env.ts';

const { values: args } = parseArgs({ options: {
  sequential: { type: 'string', default: '100' },
  bursts: { type: 'string', default: '10,50' },
  peer: { type: 'string', default: '20' },
  'no-podman': { type: 'boolean', default: false },
  profile: { type: 'string' },
} });
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const IMAGE = 'docker.io/library/busybox:1.36';
const NS = 'default';
const PODS_PATH = `/api/v1/namespaces/${NS}/pods`;

// ---- figures ----------------------------------------------------------------------------

interface Row { system: string; run: string; n: number; p50: number; p99: number; max: number; note?: string }
const rows: Row[] = [];
const extra: Record<string, number | string> = {};
const phases: Record<string, Record<string, number>> = {};
/** CPU ms per pod spent by the k8ts server and by containerd during each run (start-up only, not deletes). */
const cpuPerPod: Record<string, Record<string, number>> = {};

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
function record(system: string, run: string, samples: number[], note?: string): void {
  rows.push({ system, run, n: samples.length, p50: pct(samples, 50), p99: pct(samples, 99), max: Math.max(...samples), note });
}
const rssMB = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const hwmMB = (pid: number): number => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
/** CPU time (user + system, ms) a process has used so far; shims are separate processes and not counted. */
const cpuMs = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
};
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (l: string) => console.error(`[pods] ${l}`);

/** The same Pod for every system: one busybox container sleeping, image present. */
function podObject(name: string): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { bench: 'pods' } }, spec: {
    containers: [{ name: 'c', image: IMAGE, imagePullPolicy: 'IfNotPresent', command: ['sleep', '3600'] }],
    // busybox sleep as PID 1 ignores SIGTERM: a short grace keeps the deletes between runs quick.
    terminationGracePeriodSeconds: 1,
  } };
}
const podYAML = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: c\n    image: ${IMAGE}\n    imagePullPolicy: IfNotPresent\n    command: ["sleep", "3600"]\n`;

/** The entry to run: the stripped build when it is newer than every source file, else the sources. */
function cliEntry(): string {
  const built = join(ROOT, 'build/js/cli/main.js');
  if (!existsSync(built)) return join(ROOT, 'src/cli/main.ts');
  const builtAt = statSync(built).mtimeMs;
  const newest = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    const p = join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(p) : e.name.endsWith('.ts') ? statSync(p).mtimeMs : 0);
  }, 0);
  return newest(join(ROOT, 'src')) < builtAt ? built : join(ROOT, 'src/cli/main.ts');
}

function runCli(entry: string, argv: string[], env: NodeJS.ProcessEnv, nodeFlags: string[] = []): Promise<{ code: number | null; out: string; ms: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', ...nodeFlags, entry, ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, ms: performance.now() - t0 })));
}

// ---- k8ts: a watch that notes when each pod has every container started ------------------

interface Started { mono: number; wall: number; created: string }

function watchStarted(url: string, pki: PKI, rv: string) {
  const seen = new Map<string, Started>();
  /** When the watch first showed the pod bound to the node (spec.nodeName), and with a pod IP. */
  const bound = new Map<string, number>();
  const withIP = new Map<string, number>();
  const gone = new Set<string>();
  const waiters = new Set<() => void>();
  const base = new URL(url);
  let buf = '';
  const req = request({ host: base.hostname, port: base.port, path: `${PODS_PATH}?watch=1&resourceVersion=${rv}`,
    ca: pki.caCertPem, cert: pki.adminCertPem, key: pki.adminKeyPem }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      const mono = performance.now();
      const wall = Date.now();
      buf += chunk;
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (!line.trim()) continue;
        const ev = JSON.parse(line) as { type: string; object: Pod };
        const name = ev.object.metadata?.name ?? '';
        if (ev.type === 'DELETED') { gone.add(name); seen.delete(name); bound.delete(name); withIP.delete(name); continue; }
        if (ev.object.spec?.nodeName && !bound.has(name)) bound.set(name, mono);
        if (ev.object.status?.podIP && !withIP.has(name)) withIP.set(name, mono);
        const want = ev.object.spec?.containers?.length ?? 0;
        const st = ev.object.status?.containerStatuses ?? [];
        if (!seen.has(name) && want > 0 && st.length === want && st.every((c) => c.state?.running)) {
          seen.set(name, { mono, wall, created: ev.object.metadata!.creationTimestamp! });
        }
      }
      for (const w of waiters) w();
    });
  });
  req.on('error', (e) => { if (!closed) log(`watch: ${e.message}`); });
  req.end();
  let closed = false;
  /** Resolves when `ok()` holds, re-checked on every watch chunk; fails after `ms`. */
  const until = (what: string, ok: () => boolean, ms = 120_000) => new Promise<void>((resolve, reject) => {
    if (ok()) return resolve();
    const t = setTimeout(() => { waiters.delete(check); reject(new Error(`timed out waiting for ${what}`)); }, ms);
    const check = () => { if (ok()) { clearTimeout(t); waiters.delete(check); resolve(); } };
    waiters.add(check);
  });
  return { seen, bound, withIP, gone, until, close: () => { closed = true; req.destroy(); } };
}

async function benchK8ts(base: string): Promise<void> {
  const entry = cliEntry();
  extra.k8tsEntry = entry.replace(ROOT + '/', '');
  const dataDir = join(base, 'data');
  const home = join(base, 'home');
  mkdirSync(home, { recursive: true });
  const [apiPort, kubeletPort] = [await freePort(), await freePort()];
  const env = { ...process.env, HOME: home };
  const cidr = `10.${200 + randomInt(50)}.0.0/16`;
  try {
    const up = await runCli(entry, ['up', '--data-dir', dataDir, '--api-port', String(apiPort), '--kubelet-port', String(kubeletPort),
      '--cluster-cidr', cidr, '--kubeconfig', join(base, 'kubeconfig')], env,
      args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : []);
    if (up.code !== 0 || !/✓ node \S+ Ready/.test(up.out)) throw new Error(`k8ts up failed (${up.code}): ${up.out}`);
    extra.upMs = Math.round(up.ms);
    extra.upOutput = up.out.split('\n').filter((l) => /^✓ (certificates|api server|node)/.test(l)).join(' | ');
    log(`up: ${Math.round(up.ms)} ms (${extra.upOutput})`);
    const serverPid = Number(readFileSync(join(dataDir, 'server.pid'), 'utf8').trim());
    const containerdPid = childNamed(serverPid, 'containerd');
    await settle(2000); // let start-up garbage be collected before reading idle RSS
    extra.k8tsIdleRssMB = Math.round(rssMB(serverPid));
    extra.containerdIdleRssMB = containerdPid ? Math.round(rssMB(containerdPid)) : 'not found';

    const pki = await ensurePKI(dataDir);
    const url = `https://127.0.0.1:${apiPort}`;
    const api = httpsClient(url, pki);
    const list = await api.call('GET', PODS_PATH);
    const w = watchStarted(url, pki, list.json().metadata.resourceVersion);
    const sent = new Map<string, number>();
    const answered = new Map<string, number>();
    const create = async (name: string) => {
      sent.set(name, performance.now());
      const r = await api.call('POST', PODS_PATH, podObject(name));
      answered.set(name, performance.now());
      if (r.status !== 201) throw new Error(`create ${name}: HTTP ${r.status}: ${r.text.slice(0, 300)}`);
    };
    let cpuMark = { server: cpuMs(serverPid), containerd: containerdPid ? cpuMs(containerdPid) : 0 };
    const collect = (run: string, names: string[]) => {
      const now = { server: cpuMs(serverPid), containerd: containerdPid ? cpuMs(containerdPid) : 0 };
      cpuPerPod[`k8ts ${run}`] = { server: Math.round((now.server - cpuMark.server) / names.length), containerd: Math.round((now.containerd - cpuMark.containerd) / names.length) };
      const fromSend = names.map((n) => w.seen.get(n)!.mono - sent.get(n)!);
      const fromCreation = names.map((n) => w.seen.get(n)!.wall - Date.parse(w.seen.get(n)!.created));
      record('k8ts', run, fromSend, 'from the create request being sent');
      record('k8ts', `${run} (creationTimestamp, 1 s precision)`, fromCreation);
      // Where the time goes, as medians of each step (the watch's view, so bound/IP are upper bounds).
      const med = (f: (n: string) => number | undefined) => Math.round(pct(names.map((n) => f(n) ?? NaN).filter((x) => !Number.isNaN(x)), 50));
      phases[run] = {
        createResponse: med((n) => answered.get(n)! - sent.get(n)!),
        sendToBound: med((n) => (w.bound.get(n) ?? NaN) - sent.get(n)!),
        boundToStarted: med((n) => w.seen.get(n)!.mono - (w.bound.get(n) ?? NaN)),
        startedBeforeIPSeen: names.filter((n) => !w.withIP.has(n) || w.withIP.get(n)! >= w.seen.get(n)!.mono).length,
      };
    };
    const clear = async (names: string[]) => {
      for (const n of names) w.gone.delete(n);
      await Promise.all(names.map((n) => api.call('DELETE', `${PODS_PATH}/${n}`)));
      await w.until(`${names.length} pods deleted`, () => names.every((n) => w.gone.has(n)));
    };

    const seqN = Number(args.sequential);
    const seq = Array.from({ length: seqN }, (_, i) => `seq-${i}`);
    for (const n of seq) {
      await create(n);
      await w.until(`${n} started`, () => w.seen.has(n));
    }
    collect(`${seqN} one at a time`, seq);
    log(`sequential done`);
    await clear(seq);
    for (const size of args.bursts.split(',').map(Number)) {
      const names = Array.from({ length: size }, (_, i) => `burst${size}-${i}`);
      cpuMark = { server: cpuMs(serverPid), containerd: containerdPid ? cpuMs(containerdPid) : 0 };
      await Promise.all(names.map(create));
      await w.until(`burst of ${size} started`, () => names.every((n) => w.seen.has(n)));
      collect(`burst of ${size}`, names);
      log(`burst of ${size} done`);
      await clear(names);
    }
    w.close();
    api.close();
    extra.k8tsRssAfterMB = Math.round(rssMB(serverPid));
    extra.k8tsPeakRssMB = Math.round(hwmMB(serverPid));
    if (containerdPid) extra.containerdRssAfterMB = Math.round(rssMB(containerdPid));
  } finally {
    const down = await runCli(entry, ['down', '--data-dir', dataDir], env);
    extra.downMs = Math.round(down.ms);
    if (down.code !== 0) log(`down failed (${down.code}): ${down.out}`);
    const left = leftovers(dataDir);
    extra.leftAfterDown = left.length ? left.join('; ') : 'nothing';
    await cleanupNodeDir(dataDir, bridgeNameFor(dataDir));
  }
}

/** The pid of `parent`'s child whose command is `comm`. */
function childNamed(parent: number, comm: string): number | undefined {
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent && readFileSync(`/proc/${p}/comm`, 'utf8').trim() === comm) return Number(p);
    } catch { /* gone */ }
  }
  return undefined;
}

/** Processes whose command line names `dir`, and mounts under it (what `down` must not leave). */
function leftovers(dir: string): string[] {
  const out: string[] = [];
  for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      if (cmd.includes(dir) && Number(p) !== process.pid) out.push(`pid ${p} ${cmd.split('\0').slice(0, 2).join(' ')}`);
    } catch { /* gone */ }
  }
  const mounts = readFileSync('/proc/mounts', 'utf8').split('\n').map((l) => l.split(' ')[1]).filter((m) => m?.startsWith(dir));
  if (mounts.length) out.push(`${mounts.length} mounts`);
  return out;
}

// ---- the floor: bare CRI calls on a containerd of our own ---------------------------------

async function benchCRI(base: string, n: number): Promise<void> {
  const dir = join(base, 'cri');
  const bridge = `k8tsbf${process.pid.toString(36)}`.slice(0, 15);
  const c = await startContainerd({ dataDir: dir, bridgeName: bridge, log: () => {} });
  const cri = connectCRI(c.socket);
  const ids: string[] = [];
  try {
    const busybox = (await buildBuiltinImages(join(dir, 'images'))).find((i) => i.refs.includes(IMAGE))!;
    await importImage(c.socket, busybox.archive);
    await c.writeCNIConfig(`10.${200 + randomInt(50)}.${randomInt(250)}.0/24`);
    const one = async (i: number) => {
      const sandboxConfig = { metadata: { name: `floor-${i}`, uid: `uid-${i}`, namespace: NS, attempt: 0 }, hostname: `floor-${i}`,
        logDirectory: join(dir, 'pods', `floor-${i}`), linux: {} };
      const { podSandboxId } = await cri.runtime.runPodSandbox({ config: sandboxConfig });
      ids.push(podSandboxId);
      const { containerId } = await cri.runtime.createContainer({ podSandboxId, sandboxConfig,
        config: { metadata: { name: 'c', attempt: 0 }, image: { image: IMAGE }, command: ['sleep', '3600'], logPath: 'c/0.log' } });
      await cri.runtime.startContainer({ containerId });
    };
    // containerd loads the conflist asynchronously: an untimed first pod, retried until CNI is ready.
    for (const deadline = Date.now() + 10_000; ;) {
      try { await one(-1); break; } catch (e) { if (Date.now() > deadline || !/cni/i.test(String(e))) throw e; await settle(20); }
    }
    const samples: number[] = [];
    let mark = cpuMs(c.pid);
    for (let i = 0; i < n; i++) { const t0 = performance.now(); await one(i); samples.push(performance.now() - t0); }
    cpuPerPod[`floor ${n} one at a time`] = { containerd: Math.round((cpuMs(c.pid) - mark) / n) };
    mark = cpuMs(c.pid);
    record('bare CRI (floor)', `${n} one at a time`, samples, 'RunPodSandbox + CreateContainer + StartContainer, after 1 untimed pod');
    // A burst as k8ts gets one: all at once, each timed from the common start.
    const t0 = performance.now();
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => one(n + i).then(() => performance.now() - t0)));
    record('bare CRI (floor)', 'burst of 10', burst, 'all started at once');
    cpuPerPod['floor burst of 10'] = { containerd: Math.round((cpuMs(c.pid) - mark) / 10) };
  } finally {
    await Promise.all(ids.map(async (id) => {
      await cri.runtime.stopPodSandbox({ podSandboxId: id }).catch(() => {});
      await cri.runtime.removePodSandbox({ podSandboxId: id }).catch(() => {});
    }));
    cri.close();
    await c.stop();
    spawnSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
    await cleanupNodeDir(dir);
  }
}

// ---- the peer: podman kube play -------------------------------------------------------------

function ensurePodman(): boolean {
  if (spawnSync('podman', ['--version']).status === 0) { extra.podmanInstall = 'already installed'; return true; }
  const t0 = performance.now();
  const r = spawnSync('apt-get', ['install', '-y', 'podman'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: 'ignore' });
  extra.podmanInstall = `apt-get install -y podman: ${((performance.now() - t0) / 1000).toFixed(1)} s, exit ${r.status}`;
  return r.status === 0;
}

async function benchPodman(base: string, n: number): Promise<void> {
  if (!ensurePodman()) { log(`podman unavailable (${extra.podmanInstall})`); return; }
  extra.podmanVersion = spawnSync('podman', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const dir = join(base, 'podman');
  mkdirSync(dir, { recursive: true });
  // Storage of our own under the temp dir; runc as k8ts uses; no systemd here. Without CAP_SYS_RESOURCE
  // podman's default rlimits (nofile/nproc raised for root) make runc fail, so ask for modest ones.
  writeFileSync(join(dir, 'containers.conf'), '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]\n');
  const env = { ...process.env, CONTAINERS_CONF: join(dir, 'containers.conf') };
  const global = ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), '--runtime', '/usr/sbin/runc', '--cgroup-manager', 'cgroupfs', '--events-backend', 'file'];
  const podman = (a: string[]) => new Promise<{ code: number | null; out: string }>((resolve) => {
    const ch = spawn('podman', [...global, ...a], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    ch.stdout.on('data', (d) => { out += d; });
    ch.stderr.on('data', (d) => { out += d; });
    ch.on('close', (code) => resolve({ code, out }));
  });
  const kubeNet = '/etc/cni/net.d/podman-default-kube-network.conflist';
  const hadKubeNet = existsSync(kubeNet);
  try {
    const busybox = (await buildBuiltinImages(join(dir, 'images'))).find((i) => i.refs.includes(IMAGE))!;
    const cp = spawnSync('skopeo', ['copy', `oci-archive:${busybox.archive}:${IMAGE}`, `containers-storage:[overlay@${join(dir, 'root')}+${join(dir, 'run')}]${IMAGE}`], { encoding: 'utf8' });
    if (cp.status !== 0) throw new Error(`skopeo copy: ${cp.stderr}`);
    for (const [label, net] of [['default network', []], ['--network none', ['--network', 'none']]] as const) {
      const play = async (name: string) => {
        const file = join(dir, `${name}.yaml`);
        writeFileSync(file, podYAML(name));
        const t0 = performance.now();
        const r = await podman(['kube', 'play', ...net, file]);
        const ms = performance.now() - t0;
        if (r.code !== 0) throw new Error(`podman kube play ${name}: ${r.out}`);
        return ms;
      };
      await play(`warm-${net.length}`); // the first play builds podman's pause image
      const samples: number[] = [];
      for (let i = 0; i < n; i++) samples.push(await play(`pm${net.length}-${i}`));
      const running = (await podman(['ps', '--filter', 'status=running', '--format', '{{.Names}}'])).out.split('\n').filter((l) => /^pm\d-\d+-c$/.test(l));
      if (running.length !== n) throw new Error(`podman: ${running.length} of ${n} containers running`);
      record(`podman kube play (${label})`, `${n} one at a time`, samples, 'wall time of the command, after 1 untimed play');
      await podman(['pod', 'rm', '-af', '-t', '0']);
    }
  } finally {
    await podman(['pod', 'rm', '-af', '-t', '0']);
    await podman(['rmi', '-af']);
    if (!hadKubeNet) await podman(['network', 'rm', '-f', 'podman-default-kube-network']);
    await cleanupNodeDir(dir);
  }
}

// ---- main ----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const missing = nodeMissing();
  if (missing) throw new Error(`cannot run real pods here: ${missing}`);
  const base = mkdtempSync(join(tmpdir(), 'k8ts-bench-pods-'));
  const t0 = performance.now();
  try {
    // Other work on the machine shows in every figure: note the load before each part.
    const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    extra.loadBeforeFloor = load();
    await benchCRI(base, Number(args.peer));
    if (!args['no-podman']) { extra.loadBeforePodman = load(); await benchPodman(base, Number(args.peer)); }
    extra.loadBeforeK8ts = load();
    await benchK8ts(base);
    extra.loadAtEnd = load();
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  extra.totalSeconds = Math.round((performance.now() - t0) / 1000);
  printTable();
}

function printTable(): void {
  const f = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toString());
  console.log(`machine: ${nproc()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}, Node ${process.version}`);
  console.log('| system | run | n | p50 ms | p99 ms | max ms |');
  console.log('|---|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.system} | ${r.run} | ${r.n} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.max)} |`);
  console.log('');
  for (const [k, v] of Object.entries(extra)) console.log(`${k}: ${v}`);
  for (const [k, v] of Object.entries(phases)) console.log(`k8ts steps, ${k} (medians, ms): ${JSON.stringify(v)}`);
  for (const [k, v] of Object.entries(cpuPerPod)) console.log(`CPU ms per pod, ${k}: ${JSON.stringify(v)}`);
  const k8ts = rows.filter((r) => r.system === 'k8ts' && r.note);
  const aims: Record<string, boolean> = {
    ...Object.fromEntries(k8ts.flatMap((r) => [[`${r.run}: p50 ≤ 300 ms`, r.p50 <= 300], [`${r.run}: p99 ≤ 1 s`, r.p99 <= 1000]])),
    'up ≤ 2 s': Number(extra.upMs) <= 2000, 'k8ts idle RSS ≤ 100 MB': Number(extra.k8tsIdleRssMB) <= 100,
  };
  console.log(`aims: ${Object.entries(aims).map(([k, ok]) => `${k} ${ok ? 'ok' : 'MISSED'}`).join(', ')}`);
  console.log(JSON.stringify({ bench: 'pods', date: new Date().toISOString(), rows, ...extra, phases, cpuPerPod, aims }));
}

await main();
