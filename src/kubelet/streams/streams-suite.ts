/**
 * Issue 5 on real containers with the real kubectl: a whole cluster in-process with its own
 * node (containerd, CNI, kubelet), kubectl → API server → kubelet (this folder) → containerd.
 * One cluster per kubectl version (one test file each). `heavy` adds the 100 MB transfer, the
 * vanished-client check and the throughput/latency figures. Skips without root or binaries.
 */
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { kubectlBinary, kubectlDir, startTestCluster, type TestCluster } from '../../../test/harness.ts';
import { connectCRI } from '../cri/client.ts';
import { WebSocket } from 'ws';
import { ensurePKI } from '../../apiserver/pki/index.ts';
import { bridgeCommand } from './command-bridge.ts';
import { dialRuntimeSpdy } from './cri-dial.ts';
import { runtimeForward } from './portforward-bridge.ts';
import { findContainer, findSandbox } from './resolve.ts';
import { cleanupNodeDir, eventually, nodeMissing, uniqueClusterCIDR } from '../../../test/e2e/node-env.ts';

export interface SuiteOptions { heavy?: boolean; report?: (line: string) => void }

const BUSYBOX = 'busybox:1.36';

export function streamsSuite(version: string, o: SuiteOptions = {}): void {
  const skip = nodeMissing() ?? (kubectlDir() ? undefined : 'kubectl binaries not found');
  describe(`kubectl ${version}: exec, attach, cp, debug, port-forward on a real node`, { skip, timeout: 300_000 }, () => {
    let c: TestCluster;
    const k = async (args: string[], opts: { input?: string; ok?: boolean; timeoutMs?: number } = {}) => {
      const r = await c.kubectl(version, args, opts);
      if (opts.ok !== false) assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}${r.stdout}`);
      return r;
    };
    const spawnK = (args: string[]): Live => live(spawn(kubectlBinary(version), args, { env: { PATH: process.env.PATH ?? '', HOME: c.home, KUBECONFIG: c.kubeconfig } }));
    const apply = (name: string, yaml: string) => { const p = join(c.dataDir, name); writeFileSync(p, yaml); return k(['apply', '-f', p]); };

    before(async () => {
      c = await startTestCluster({ cluster: { node: { kubeletPort: 0 }, controllers: { clusterCIDR: uniqueClusterCIDR() } } });
      await apply('pods.yml', podsYaml(o.heavy));
      await k(['wait', '--for=condition=Ready', 'pod/web', 'pod/ticker', 'pod/cat', ...(o.heavy ? ['pod/big'] : []), '--timeout=90s'], { timeoutMs: 100_000 });
    });
    after(async () => {
      const dir = c?.dataDir;
      await c?.stop();
      if (dir) await cleanupNodeDir(dir);
    });

    it('exec -- echo', async () => {
      const t0 = performance.now();
      const r = await k(['exec', 'web', '--', 'echo', 'hi']);
      o.report?.(`kubectl ${version} exec -- echo round trip (whole kubectl run): ${(performance.now() - t0).toFixed(0)} ms`);
      assert.equal(r.stdout, 'hi\n');
    });

    it('exec -i with piped stdin reaching EOF', async () => {
      const input = 'hello\nworld\n'.repeat(2000);
      const r = await k(['exec', '-i', 'web', '--', 'sh', '-c', 'cat; echo done'], { input });
      assert.equal(r.stdout, `${input}done\n`);
    });

    it("exec -- sh -c 'exit 3': exit status 3 and kubectl's message", async () => {
      const r = await k(['exec', 'web', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'], { ok: false });
      assert.equal(r.stdout, 'out\n');
      assert.match(r.stderr, /^err$/m);
      assert.match(r.stderr, /command terminated with exit code 3/);
      assert.equal(r.code, 3);
    });

    it('exec -it under a pseudo-terminal (script) runs a command with a TTY', async () => {
      const cmd = `HOME=${c.home} KUBECONFIG=${c.kubeconfig} ${kubectlBinary(version)} exec -it web -- sh -c 'tty; stty size; echo tty-ok'`;
      const child = live(spawn('script', ['-qec', cmd, '/dev/null'], { env: { PATH: process.env.PATH ?? '', TERM: 'xterm', COLUMNS: '100', LINES: '40' } }));
      const code = await child.exit;
      assert.match(child.out(), /tty-ok/);
      assert.match(child.out(), /\/dev\/pts\/\d+/);
      assert.equal(code, 0, child.err());
    });

    it('cp both ways preserves contents', async () => {
      const src = join(c.dataDir, 'cp-src.txt');
      const body = Array.from({ length: 5000 }, (_, i) => `line ${i} ${randomInt(1e9)}`).join('\n');
      writeFileSync(src, body);
      await k(['cp', src, `web:/tmp/in-${version}.txt`]);
      assert.equal((await k(['exec', 'web', '--', 'cat', `/tmp/in-${version}.txt`])).stdout, body);
      const back = join(c.dataDir, `cp-back-${version}.txt`);
      await k(['cp', `web:/tmp/in-${version}.txt`, back]);
      assert.equal(readFileSync(back, 'utf8'), body);
    });

    it('attach shows the output of a running container', async () => {
      const a = spawnK(['attach', 'ticker']);
      try { await a.waitFor(/tick \d+\n.*tick \d+/s); } finally { a.kill(); }
    });

    it('attach -i sends input to the container', async () => {
      const a = spawnK(['attach', '-i', 'cat']);
      try {
        a.child.stdin.write(`ping-${version}\n`);
        await a.waitFor(new RegExp(`ping-${version.replace('.', '\\.')}`));
      } finally { a.kill(); }
    });

    it('debug -i --image=busybox --target=web: ps sees the target\'s processes', async () => {
      const r = await k(['debug', '-i', 'web', `--image=${BUSYBOX}`, '--target=web', '--', 'sh'], { input: 'ps\nexit\n', timeoutMs: 60_000 });
      const name = /debug container name to (\S+)\./.exec(r.stdout + r.stderr)?.[1];
      assert.ok(name, r.stderr);
      const pod = JSON.parse((await k(['get', 'pod', 'web', '-o', 'json'])).stdout);
      assert.ok(pod.status.ephemeralContainerStatuses?.some((s: { name: string }) => s.name === name), 'ephemeralContainerStatuses names it');
      // containerd's attach can end at the container's exit before the last output is relayed; the log has it all.
      const out = /httpd -f -p/.test(r.stdout) ? r.stdout : (await k(['logs', 'web', '-c', name])).stdout;
      assert.match(out, /httpd -f -p/);
      assert.match(out, /k8ts-web/);
    });

    it('debug -it under a pseudo-terminal: an interactive shell runs ps', async () => {
      const cmd = `HOME=${c.home} KUBECONFIG=${c.kubeconfig} ${kubectlBinary(version)} debug -it web --image=${BUSYBOX} --target=web -- sh`;
      const child = live(spawn('script', ['-qec', cmd, '/dev/null'], { env: { PATH: process.env.PATH ?? '', TERM: 'xterm' } }));
      try {
        await child.waitFor(/If you don't see a command prompt/);
        await eventually('the shell answers', async () => { child.child.stdin.write('echo "dbg-$((6*7))"\r'); return /dbg-42/.test(child.out()); }, 20_000);
        child.child.stdin.write('ps; exit\r');
        assert.equal(await child.exit, 0, child.out() + child.err());
        assert.match(child.out(), /httpd -f -p/);
      } finally { child.kill(); }
    });

    it('port-forward: HTTP through it, then 20 concurrent requests', async () => {
      const local = 20000 + randomInt(20000);
      const pf = spawnK(['port-forward', 'pod/web', `${local}:8080`]);
      try {
        await pf.waitFor(new RegExp(`Forwarding from 127\\.0\\.0\\.1:${local}`));
        assert.match(await get(local, '/'), /Served by web/);
        const bodies = await Promise.all(Array.from({ length: 20 }, () => get(local, '/hostname')));
        assert.deepEqual(bodies, Array(20).fill('web\n'));
      } finally { pf.kill(); }
    });

    it('port-forward to a closed port prints kubectl\'s error line', async () => {
      const pf = spawnK(['port-forward', 'pod/web', ':9999']);
      try {
        const local = Number((await pf.waitFor(/Forwarding from 127\.0\.0\.1:(\d+)/)).match(/:(\d+)/)![1]);
        await get(local, '/').catch(() => '');
        await eventually('the error line', async () => /error forwarding port 9999/.test(pf.err()) || /an error occurred forwarding/.test(pf.err()));
      } finally { pf.kill(); }
    });

    if (o.heavy) {
      // A browser-style client (the `ws` package, as the dashboard's server uses) through the API server.
      for (const protocol of ['v4.channel.k8s.io', 'v5.channel.k8s.io']) {
        it(`a WebSocket client runs exec with ${protocol}`, async () => {
          const pki = await ensurePKI(c.dataDir);
          const u = new URL(c.url);
          const url = `wss://${u.host}/api/v1/namespaces/default/pods/web/exec?command=sh&command=-c&command=echo%20ws-ok%3B%20exit%204&stdout=true&stderr=true`;
          const got = await new Promise<{ out: string; status: string }>((resolve, reject) => {
            const ws = new WebSocket(url, [protocol], { ca: pki.caCertPem, cert: pki.adminCertPem, key: pki.adminKeyPem });
            let out = '';
            let status = '';
            ws.on('message', (data: Buffer) => {
              if (data[0] === 1) out += data.subarray(1).toString();
              if (data[0] === 3) status += data.subarray(1).toString();
            });
            ws.on('close', () => resolve({ out, status }));
            ws.on('error', reject);
          });
          assert.equal(got.out, 'ws-ok\n');
          const st = JSON.parse(got.status);
          assert.equal(st.reason, 'NonZeroExitCode');
          assert.equal(st.details.causes.find((x: { reason: string }) => x.reason === 'ExitCode').message, '4');
        });
      }

      it('port-forward carries 100 MB intact (sha256) and reports throughput', async () => {
        const want = (await k(['exec', 'big', '--', 'cat', '/data/sum'])).stdout.split(/\s+/)[0];
        const pf = spawnK(['port-forward', 'pod/big', ':9000']);
        try {
          const local = Number((await pf.waitFor(/Forwarding from 127\.0\.0\.1:(\d+)/)).match(/:(\d+)/)![1]);
          const t0 = performance.now();
          const { sha, bytes } = await download(local, '/big');
          const s = (performance.now() - t0) / 1000;
          o.report?.(`kubectl ${version} port-forward: ${(bytes / 1e6).toFixed(0)} MB in ${s.toFixed(2)} s = ${(bytes / 1e6 / s).toFixed(1)} MB/s`);
          assert.equal(bytes, 100 * 1024 * 1024);
          assert.equal(sha, want);
        } finally { pf.kill(); }
        // The same file straight from the pod IP, for comparison.
        const ip = JSON.parse((await k(['get', 'pod', 'big', '-o', 'json'])).stdout).status.podIP;
        const t1 = performance.now();
        const direct = await download(9000, '/big', ip);
        o.report?.(`direct to the pod IP: ${(direct.bytes / 1e6 / ((performance.now() - t1) / 1000)).toFixed(1)} MB/s`);
      });

      it('benchmark: the same figures over the bare CRI stream', async () => {
        const cri = connectCRI(join(c.dataDir, 'containerd', 'containerd.sock'));
        try {
          const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
          const viaKubectl: number[] = [];
          for (let i = 0; i < 5; i++) { const t = performance.now(); await k(['exec', 'web', '--', 'true']); viaKubectl.push(performance.now() - t); }
          const found = await findContainer(cri, 'default', 'web', 'web');
          assert.ok('id' in found);
          const bare: number[] = [];
          for (let i = 0; i < 10; i++) {
            const t = performance.now();
            const { url } = await cri.runtime.exec({ containerId: found.id, cmd: ['true'], stdout: true });
            const r = await bridgeCommand(await dialRuntimeSpdy(url, 'v4.channel.k8s.io'), { stdout: new Writable({ write: (_c, _e, cb) => cb() }), signal: new AbortController().signal }, false);
            assert.deepEqual(r, { exitCode: 0 });
            bare.push(performance.now() - t);
          }
          o.report?.(`exec -- true round trip: kubectl ${version} (whole process) median ${median(viaKubectl).toFixed(0)} ms; bare CRI stream median ${median(bare).toFixed(1)} ms`);
          const sb = await findSandbox(cri, 'default', 'big');
          assert.ok('id' in sb);
          const fwd = runtimeForward(async () => dialRuntimeSpdy((await cri.runtime.portForward({ podSandboxId: sb.id })).url, 'portforward.k8s.io'));
          const conn = await fwd.dial(9000);
          const t0 = performance.now();
          let bytes = 0;
          conn.on('data', (d: Buffer) => { bytes += d.length; });
          conn.end('GET /big HTTP/1.0\r\n\r\n');
          await new Promise((r) => conn.on('end', r));
          fwd.close();
          assert.ok(bytes > 100 * 1024 * 1024);
          o.report?.(`bare CRI port-forward: ${(bytes / 1e6 / ((performance.now() - t0) / 1000)).toFixed(1)} MB/s`);
        } finally { cri.close(); }
      });

      it('a client that disappears frees the container side (no leaked process)', async () => {
        const marker = `leak-${randomInt(1e9)}`;
        const e = spawnK(['exec', '-i', 'web', '--', 'sh', '-c', `echo started; exec sleep ${marker.slice(5)}`]);
        await e.waitFor(/started/);
        const ps = async () => (await k(['exec', 'web', '--', 'ps', '-o', 'pid,args'])).stdout;
        assert.match(await ps(), new RegExp(`sleep ${marker.slice(5)}`));
        e.child.kill('SIGKILL');
        await eventually('the exec\'d process is gone', async () => !new RegExp(`sleep ${marker.slice(5)}`).test(await ps()), 20_000);
      });
    }
  });
}

function podsYaml(heavy?: boolean): string {
  const pods = [
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  terminationGracePeriodSeconds: 1\n  containers:\n  - name: web\n    image: docker.io/k8ts/web:1\n    imagePullPolicy: IfNotPresent\n    ports:\n    - containerPort: 8080\n`,
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ticker\nspec:\n  terminationGracePeriodSeconds: 1\n  containers:\n  - name: ticker\n    image: ${BUSYBOX}\n    command: ["sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done"]\n`,
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: cat\nspec:\n  terminationGracePeriodSeconds: 1\n  containers:\n  - name: cat\n    image: ${BUSYBOX}\n    command: ["cat"]\n    stdin: true\n`,
  ];
  if (heavy) {
    pods.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  terminationGracePeriodSeconds: 1\n  containers:\n  - name: big\n    image: ${BUSYBOX}\n    command: ["sh", "-c", "head -c 104857600 /dev/urandom > /data/big && sha256sum /data/big > /data/sum && touch /tmp/ready && exec httpd -f -p 9000 -h /data"]\n    readinessProbe:\n      exec:\n        command: ["cat", "/tmp/ready"]\n      periodSeconds: 1\n    volumeMounts:\n    - name: data\n      mountPath: /data\n  volumes:\n  - name: data\n    emptyDir: {}\n`);
  }
  return pods.join('---\n');
}

interface Live {
  child: ChildProcessWithoutNullStreams;
  exit: Promise<number | null>;
  out(): string;
  err(): string;
  waitFor(re: RegExp, ms?: number): Promise<string>;
  kill(): void;
}

function live(child: ChildProcessWithoutNullStreams): Live {
  let out = '', err = '';
  child.stdout.on('data', (d: Buffer) => { out += d; });
  child.stderr.on('data', (d: Buffer) => { err += d; });
  child.stdin.on('error', () => undefined);
  const exit = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  return {
    child, exit, out: () => out, err: () => err,
    waitFor: (re, ms = 30_000) => eventually(`${re} in kubectl's output`, async () => {
      const m = re.exec(out) ?? re.exec(err);
      if (!m && child.exitCode !== null) throw new Error(`kubectl exited ${child.exitCode}: ${err}${out}`);
      return m?.[0];
    }, ms),
    kill: () => { if (child.exitCode === null) child.kill('SIGKILL'); },
  };
}

function get(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

function download(port: number, path: string, host = '127.0.0.1'): Promise<{ sha: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    http.get({ host, port, path, agent: false }, (res) => {
      const h = createHash('sha256');
      let bytes = 0;
      res.on('data', (c: Buffer) => { h.update(c); bytes += c.length; });
      res.on('end', () => resolve({ sha: h.digest('hex'), bytes }));
      res.on('error', reject);
    }).on('error', reject);
  });
}
