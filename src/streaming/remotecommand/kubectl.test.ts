/**
 * exec against REAL kubectl binaries (1.27 SPDY, 1.30/1.33 WebSocket v5, 1.33 with WebSockets disabled → SPDY v5).
 * Skipped when the binaries are absent.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { type FakeApiServer, kubectlDir, runKubectl, startFakeApiServer } from '../testing/fake-apiserver.ts';
import { processHandler } from '../testing/process-backend.ts';
import type { TerminalSize } from './protocols.ts';
import { parseRemoteCommandQuery } from './protocols.ts';
import { serveRemoteCommand } from './serve.ts';

const cases: { version: string; env: Record<string, string>; want: string }[] = [
  { version: '1.27', env: {}, want: 'POST exec SPDY/3.1' },
  { version: '1.30', env: {}, want: 'GET exec websocket' },
  { version: '1.33', env: {}, want: 'GET exec websocket' },
  { version: '1.33', env: { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' }, want: 'POST exec SPDY/3.1' },
];

let server: FakeApiServer;
const sizes: TerminalSize[] = [];

before(async () => {
  server = await startFakeApiServer((req, socket, head, url) => {
    const q = parseRemoteCommandQuery(url.searchParams);
    void serveRemoteCommand(req, socket, head, q, processHandler(q.command, sizes));
  });
});
after(() => server.close());

for (const tc of cases) {
  const label = `kubectl ${tc.version}${Object.keys(tc.env).length ? ' (websockets off)' : ''}`;
  describe(label, { skip: !existsSync(`${kubectlDir}/kubectl.${tc.version}`) }, () => {
    const run = (args: string[], stdin?: string) => runKubectl(tc.version, server.url, args, { env: tc.env, stdin });

    test('exec -- echo hi', async () => {
      server.upgrades.length = 0;
      const r = await run(['exec', 'p', '--', 'echo', 'hi']);
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, 'hi\n');
      assert.equal(r.code, 0);
      assert.deepEqual(server.upgrades, [tc.want]);
    });

    test('exec -i with piped stdin reaching EOF', async () => {
      const input = 'hello\nworld\n'.repeat(1000);
      const r = await run(['exec', '-i', 'p', '--', 'cat'], input);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, input);
    });

    test('exit code 3 with stdout and stderr', async () => {
      const r = await run(['exec', 'p', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
      assert.equal(r.stdout, 'out\n');
      assert.match(r.stderr, /^err$/m);
      assert.match(r.stderr, /command terminated with exit code 3/);
      assert.equal(r.code, 3);
    });

    test('exec -it under a pseudo-terminal (script)', async () => {
      sizes.length = 0;
      const envs = Object.entries(tc.env).map(([k, v]) => `${k}=${v} `).join('');
      const cmd = `${envs}KUBECONFIG=/dev/null ${kubectlDir}/kubectl.${tc.version} -s ${server.url} exec -it p -- sh -c 'echo tty-ok'`;
      const child = spawn('script', ['-qec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      const code = await new Promise((r) => child.on('close', r));
      assert.match(Buffer.concat(out).toString(), /tty-ok/);
      assert.equal(code, 0);
      assert.ok(sizes.length >= 1, 'kubectl sent its terminal size');
    });
  });
}
