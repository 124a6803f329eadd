/** exec over WebSocket with the `ws` client: the protocols browsers and other clients use (v5, v4, base64). */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WebSocket } from 'ws';
import { type FakeApiServer, startFakeApiServer } from '../testing/fake-apiserver.ts';
import { processHandler } from '../testing/process-backend.ts';
import { parseRemoteCommandQuery } from './protocols.ts';
import { serveRemoteCommand } from './serve.ts';

let server: FakeApiServer;
before(async () => {
  server = await startFakeApiServer((req, socket, head, url) => {
    const q = parseRemoteCommandQuery(url.searchParams);
    void serveRemoteCommand(req, socket, head, q, processHandler(q.command));
  });
});
after(() => server.close());

const query = (script: string) => `command=sh&command=-c&command=${encodeURIComponent(script)}&stdin=true&stdout=true&stderr=true`;
const q = query('cat');
// v4 cannot signal stdin EOF, so its command reads a fixed byte count; v5 runs `cat` until the close signal.
const cases = [
  { name: 'v5 with close signal', protocol: 'v5.channel.k8s.io', base64: false, script: 'cat; echo err >&2; exit 2' },
  { name: 'v4.base64 (text frames)', protocol: 'v4.base64.channel.k8s.io', base64: true, script: 'head -c 7; echo err >&2; exit 2' },
];

for (const tc of cases) {
  test(`ws exec: ${tc.name}`, async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/namespaces/default/pods/p/exec?${query(tc.script)}`, [tc.protocol]);
    const got: Record<number, string> = {};
    ws.on('message', (m: Buffer, isBinary: boolean) => {
      assert.equal(isBinary, !tc.base64);
      const ch = tc.base64 ? m[0] - 0x30 : m[0];
      const body = tc.base64 ? Buffer.from(m.subarray(1).toString(), 'base64') : m.subarray(1);
      got[ch] = (got[ch] ?? '') + body.toString();
    });
    await new Promise((r) => ws.on('open', r));
    assert.equal(ws.protocol, tc.protocol);
    const send = (ch: number, data: string) => tc.base64 ? ws.send(String(ch) + Buffer.from(data).toString('base64'))
      : ws.send(Buffer.concat([Buffer.from([ch]), Buffer.from(data)]));
    send(0, 'in-data');
    if (tc.protocol.startsWith('v5')) ws.send(Buffer.from([255, 0]));
    const code = await new Promise((r) => ws.on('close', r));
    assert.equal(code, 1000);
    assert.equal(got[1], 'in-data');
    assert.equal(got[2], 'err\n');
    const status = JSON.parse(got[3]);
    assert.equal(status.reason, 'NonZeroExitCode');
    assert.deepEqual(status.details.causes, [{ reason: 'ExitCode', message: '2' }]);
  });
}

test('ws exec refuses an unknown subprotocol with a non-101 answer', async () => {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/namespaces/default/pods/p/exec?${q}`, ['v9.channel.k8s.io']);
  const status = await new Promise<number>((r) => ws.on('unexpected-response', (_req, res) => r(res.statusCode ?? 0)));
  assert.equal(status, 400);
});
