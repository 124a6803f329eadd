/**
 * port-forward against REAL kubectl binaries: 1.27 and 1.30 use SPDY, 1.33 the WebSocket tunnel
 * (SPDY inside WS), 1.33 with WebSockets disabled falls back to SPDY. Skipped when the binaries are absent.
 */
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type FakeApiServer, kubectlDir, startFakeApiServer } from '../testing/fake-apiserver.ts';
import { servePortForward } from './serve.ts';

const cases: { version: string; env: Record<string, string>; want: string }[] = [
  { version: '1.27', env: {}, want: 'POST portforward SPDY/3.1' },
  { version: '1.30', env: {}, want: 'POST portforward SPDY/3.1' },
  { version: '1.33', env: {}, want: 'GET portforward websocket' },
  { version: '1.33', env: { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' }, want: 'POST portforward SPDY/3.1' },
];

let api: FakeApiServer;
let web: http.Server;
let echo: net.Server;
let closedPort: number;
const port = (s: net.Server | http.Server) => (s.address() as AddressInfo).port;

before(async () => {
  api = await startFakeApiServer((req, socket, head) => {
    void servePortForward(req, socket, head, (p) => new Promise((resolve, reject) => {
      const c = net.connect(p, '127.0.0.1');
      c.once('connect', () => resolve(c));
      c.once('error', reject);
    }), { podName: 'p' });
  });
  web = http.createServer((req, res) => res.end(`hello from pod ${req.url}`));
  echo = net.createServer((s) => { s.on('error', () => undefined); s.pipe(s); });
  const closed = net.createServer();
  await Promise.all([web, echo, closed].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
  closedPort = port(closed);
  await new Promise((r) => closed.close(r));
});
after(async () => {
  web.closeAllConnections();
  await Promise.all([api.close(), new Promise((r) => web.close(r)), new Promise((r) => echo.close(r))]);
});

/** Starts `kubectl port-forward p :REMOTE` and resolves with the local port it printed. */
async function forward(version: string, env: Record<string, string>, remote: number):
  Promise<{ local: number; child: ChildProcessWithoutNullStreams; stderr: () => string }> {
  const child = spawn(`${kubectlDir}/kubectl.${version}`, ['-s', api.url, 'port-forward', 'p', `:${remote}`], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', KUBECONFIG: '/dev/null', ...env },
  });
  let err = '';
  child.stderr.on('data', (c: Buffer) => { err += c; });
  let out = '';
  const local = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c;
      const m = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('close', () => reject(new Error(`kubectl exited: ${err}`)));
  });
  return { local, child, stderr: () => err };
}

function get(localPort: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: localPort, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

for (const tc of cases) {
  const label = `kubectl ${tc.version}${Object.keys(tc.env).length ? ' (websockets off)' : ''}`;
  describe(label, { skip: !existsSync(`${kubectlDir}/kubectl.${tc.version}`) }, () => {
    test('20 concurrent HTTP requests through one forward', async () => {
      api.upgrades.length = 0;
      const f = await forward(tc.version, tc.env, port(web));
      try {
        const paths = Array.from({ length: 20 }, (_, i) => `/r${i}`);
        const bodies = await Promise.all(paths.map((p) => get(f.local, p)));
        assert.deepEqual(bodies, paths.map((p) => `hello from pod ${p}`));
        assert.deepEqual([...new Set(api.upgrades)], [tc.want]);
      } finally {
        f.child.kill();
      }
    });

    test('100 MB round trip through an echo port keeps its sha256', async () => {
      const f = await forward(tc.version, tc.env, port(echo));
      try {
        const data = randomBytes(100 * 1024 * 1024);
        const sock = net.connect(f.local, '127.0.0.1');
        const hash = createHash('sha256');
        let received = 0;
        const done = new Promise<void>((resolve, reject) => {
          sock.on('data', (c: Buffer) => { hash.update(c); received += c.length; if (received >= data.length) resolve(); });
          sock.on('error', reject);
          sock.on('close', () => resolve());
        });
        sock.write(data);
        await done;
        sock.destroy();
        assert.equal(received, data.length);
        assert.equal(hash.digest('hex'), createHash('sha256').update(data).digest('hex'));
      } finally {
        f.child.kill();
      }
    });

    test('a closed pod port makes kubectl print the error line', async () => {
      const f = await forward(tc.version, tc.env, closedPort);
      try {
        const sock = net.connect(f.local, '127.0.0.1');
        sock.on('error', () => undefined);
        sock.resume();
        await new Promise((r) => sock.on('close', r));
        await new Promise<void>((r) => {
          const check = (): void => { if (/error forwarding port \d+ to pod p/.test(f.stderr())) r(); };
          f.child.stderr.on('data', check);
          f.child.on('close', () => r());
          check();
        });
        assert.match(f.stderr(), new RegExp(`an error occurred forwarding \\d+ -> ${closedPort}: error forwarding port ${closedPort} to pod p: .*ECONNREFUSED`));
      } finally {
        f.child.kill();
      }
    });
  });
}
