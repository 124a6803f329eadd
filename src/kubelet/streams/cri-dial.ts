/**
 * Opens a SPDY/3.1 client session on one of the runtime's one-use stream URLs
 * (`http://127.0.0.1:<port>/exec/<token>` …), as client-go's SPDY executor does against the
 * kubelet: a POST with `Upgrade: SPDY/3.1` and the offered `X-Stream-Protocol-Version`.
 * SPDY rather than WebSocket because only SPDY lets us half-close stdin (containerd 1.6 has no
 * v5 WebSocket), which `exec -i` with piped input needs.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { SpdySession } from '../../streaming/spdy/session.ts';

export async function dialRuntimeSpdy(url: string, protocol: string, timeoutMs = 10_000): Promise<SpdySession> {
  const u = new URL(url);
  if (u.protocol !== 'http:') throw new Error(`unsupported runtime stream URL ${url}`);
  const socket = await new Promise<Socket>((resolve, reject) => {
    const req = http.request({
      host: u.hostname, port: Number(u.port || 80), path: u.pathname + u.search, method: 'POST', agent: false,
      headers: { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': protocol, 'Content-Length': '0' },
      timeout: timeoutMs,
    });
    req.on('timeout', () => req.destroy(new Error(`runtime stream ${u.pathname}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.on('upgrade', (res, sock, head) => {
      if (res.headers['x-stream-protocol-version'] !== protocol) {
        sock.destroy();
        return reject(new Error(`runtime stream: protocol ${String(res.headers['x-stream-protocol-version'])} instead of ${protocol}`));
      }
      sock.setTimeout(0);
      if (head.length) sock.unshift(head);
      resolve(sock);
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c; });
      res.on('end', () => reject(new Error(`runtime stream: ${res.statusCode} ${body.trim()}`)));
    });
    req.end();
  });
  socket.setNoDelay(true);
  const session = new SpdySession(socket, { isServer: false });
  session.on('error', () => undefined);
  return session;
}
