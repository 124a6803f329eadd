/**
 * Test harness: a real API server (HTTPS, SQLite in a temp data dir, a free port) and the
 * real kubectl binaries pointed at it through a kubeconfig with the admin certificate.
 * kubectl runs asynchronously so the in-process server keeps answering.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readlinkSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startAPIServer, type RunningAPIServer } from '../src/apiserver/server.ts';
import { startCluster, type ClusterOptions } from '../src/cli/cluster.ts';
import { bridgeNameFor } from '../src/cli/local-node.ts';
import { cleanupNodeDir } from './e2e/node-env.ts';
import { ensurePKI } from '../src/apiserver/pki/index.ts';

export interface TestCluster {
  server: RunningAPIServer;
  dataDir: string;
  kubeconfig: string;
  home: string;
  url: string;
  kubectl(version: string, args: string[], opts?: { input?: string; env?: Record<string, string>; timeoutMs?: number }): Promise<KubectlResult>;
  stop(): Promise<void>;
}

export interface KubectlResult { code: number; stdout: string; stderr: string }

/** The directory holding kubectl.1.NN, next to the packaged kubectl. */
export function kubectlDir(): string | undefined {
  const which = ['/usr/local/bin/kubectl', '/usr/bin/kubectl'].concat((process.env.PATH ?? '').split(':').map((d) => join(d, 'kubectl')));
  for (const p of which) {
    if (!existsSync(p)) continue;
    const real = realpathSync(p);
    if (existsSync(join(dirname(real), 'kubectl.1.33'))) return dirname(real);
  }
  return undefined;
}

/** `kubectl` (the dispatcher on PATH) or `1.27` … `1.33`. */
export function kubectlBinary(version: string): string {
  const dir = kubectlDir();
  if (!dir) throw new Error('kubectl binaries not found: install the Google Cloud SDK kubectl component (kubectl.1.27 … kubectl.1.33)');
  return version === 'kubectl' ? 'kubectl' : join(dir, `kubectl.${version}`);
}

/**
 * Without `cluster`: the API server alone. With it: the whole control plane (controllers,
 * scheduler, simulated nodes) as `k8ts server` runs it.
 */
export async function startTestCluster(opts: { datastore?: string; cluster?: Partial<ClusterOptions> } = {}): Promise<TestCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'k8ts-test-'));
  const home = join(dataDir, 'home');
  const base = { dataDir, bindAddress: '127.0.0.1', port: 0, datastore: opts.datastore };
  let stopCluster: (() => Promise<void>) | undefined;
  let server: RunningAPIServer;
  if (opts.cluster) {
    const cl = await startCluster({ ...base, ...opts.cluster });
    server = cl.server;
    stopCluster = () => cl.close();
  } else {
    server = await startAPIServer(base);
  }
  const pki = await ensurePKI(dataDir);
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const kubeconfig = join(dataDir, 'kubeconfig');
  writeFileSync(kubeconfig, JSON.stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'k8ts',
    clusters: [{ name: 'k8ts', cluster: { server: server.url, 'certificate-authority-data': b64(pki.caCertPem) } }],
    users: [{ name: 'k8ts-admin', user: { 'client-certificate-data': b64(pki.adminCertPem), 'client-key-data': b64(pki.adminKeyPem) } }],
    contexts: [{ name: 'k8ts', context: { cluster: 'k8ts', user: 'k8ts-admin', namespace: 'default' } }],
  }));
  return {
    server, dataDir, kubeconfig, home, url: server.url,
    kubectl: (version, args, o = {}) => runKubectl(kubectlBinary(version), args, { ...o, env: { HOME: home, KUBECONFIG: kubeconfig, ...o.env } }),
    async stop() {
      await (stopCluster ? stopCluster() : server.close());
      if (opts.cluster?.node) await cleanupNodeDir(dataDir, bridgeNameFor(dataDir));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function runKubectl(bin: string, args: string[], o: { input?: string; env?: Record<string, string>; timeoutMs?: number }): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(bin, args, { env: { PATH: process.env.PATH ?? '', ...o.env }, timeout: o.timeoutMs ?? 60_000, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
    if (o.input !== undefined) child.stdin!.end(o.input); else child.stdin!.end();
  });
}

/** Starts a long-running kubectl (get -w, proxy) and lets the test read its output as it comes. */
export function spawnKubectl(c: TestCluster, version: string, args: string[]) {
  const child = spawn(kubectlBinary(version), args, { env: { PATH: process.env.PATH ?? '', HOME: c.home, KUBECONFIG: c.kubeconfig } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  return {
    child,
    get stdout() { return out; },
    get stderr() { return err; },
    /** Resolves when stdout matches, rejects after the deadline. */
    waitFor(re: RegExp, ms = 20_000): Promise<string> {
      return new Promise((resolve, reject) => {
        const t0 = Date.now();
        const tick = () => {
          const m = re.exec(out);
          if (m) return resolve(m[0]);
          if (Date.now() - t0 > ms) return reject(new Error(`timed out waiting for ${re} in stdout=${out} stderr=${err}`));
          child.stdout.once('data', tick);
          setTimeout(tick, 200).unref();
        };
        tick();
      });
    },
    kill() { child.kill('SIGKILL'); },
  };
}

void readlinkSync;
