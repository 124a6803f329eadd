/**
 * servePortForward: the portforward endpoint for an HTTP upgrade. Three transports:
 *  - SPDY/3.1 POST with X-Stream-Protocol-Version `portforward.k8s.io` (kubectl ≤ 1.30, and the 1.31+ fallback);
 *  - WebSocket `SPDY/3.1+portforward.k8s.io`: the same SPDY bytes inside binary WS messages (kubectl 1.31+);
 *  - WebSocket `v4.channel.k8s.io` with `?ports=`/`?port=` (the kubelet's own protocol, for other clients).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, type WebSocket, WebSocketServer } from 'ws';
import { SpdySession } from '../spdy/session.ts';
import { acceptSpdyUpgrade, headerList, refuseUpgrade, upgradeKind } from '../upgrade-reply.ts';
import { type Dialer, spdyPortForward } from './spdy-forward.ts';
import { wsPortForward } from './ws-forward.ts';

export type { Dialer } from './spdy-forward.ts';

export const TUNNEL_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';
const SPDY_PROTOCOL = 'portforward.k8s.io';
const WS_PROTOCOLS = ['v4.channel.k8s.io', 'v4.base64.channel.k8s.io'];

export interface PortForwardOptions {
  /** Used in error messages ("error forwarding port 80 to pod NAME: …"). */
  podName?: string;
  /** Close an idle SPDY session after this long (a PING counts as activity). Default: never. */
  idleTimeoutMs?: number;
}

const tunnelRequests = new WeakSet<IncomingMessage>();
/**
 * `ws` rejects `SPDY/3.1+portforward.k8s.io` as a subprotocol token (it contains '/'), so the header is
 * removed before handleUpgrade and the answer added back here [kubectl-contract §6.2].
 */
const tunnelWss = new WebSocketServer({ noServer: true });
tunnelWss.on('headers', (headers: string[], req: IncomingMessage) => {
  if (tunnelRequests.has(req)) headers.push(`Sec-WebSocket-Protocol: ${TUNNEL_PROTOCOL}`);
});
const channelWss = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => WS_PROTOCOLS.find((p) => offered.has(p)) ?? false,
});

export async function servePortForward(req: IncomingMessage, socket: Duplex, head: Buffer, dial: Dialer,
  opts: PortForwardOptions = {}): Promise<void> {
  const podName = opts.podName ?? '';
  const kind = upgradeKind(req);
  if (kind === 'spdy') {
    if (!headerList(req, 'x-stream-protocol-version').includes(SPDY_PROTOCOL)) {
      return refuseUpgrade(socket, 403, 'Forbidden', 'unable to upgrade: no common stream protocol',
        [['X-Accepted-Stream-Protocol-Versions', SPDY_PROTOCOL]]);
    }
    acceptSpdyUpgrade(socket, SPDY_PROTOCOL);
    if (head.length) socket.unshift(head);
    startSpdy(socket, dial, podName, opts.idleTimeoutMs);
    return;
  }
  if (kind !== 'websocket') return refuseUpgrade(socket, 400, 'BadRequest', 'Upgrade request required');
  const offered = headerList(req, 'sec-websocket-protocol');
  if (offered.includes(TUNNEL_PROTOCOL)) {
    tunnelRequests.add(req);
    delete req.headers['sec-websocket-protocol'];
    const ws = await new Promise<WebSocket>((r) => tunnelWss.handleUpgrade(req, socket, head, r));
    const bytes = createWebSocketStream(ws);
    bytes.on('error', () => undefined);
    startSpdy(bytes, dial, podName, opts.idleTimeoutMs);
    return;
  }
  const protocol = WS_PROTOCOLS.find((p) => offered.includes(p));
  if (!protocol) return refuseUpgrade(socket, 400, 'BadRequest', `none of the subprotocols ${offered.join(', ')} is supported`);
  const url = new URL(req.url ?? '/', 'http://x');
  const ports = [...url.searchParams.getAll('ports'), ...url.searchParams.getAll('port')]
    .flatMap((p) => p.split(',')).map(Number);
  if (ports.length === 0 || ports.some((p) => !Number.isInteger(p) || p <= 0 || p > 65535)) {
    return refuseUpgrade(socket, 400, 'BadRequest', 'query parameter "ports" is required and must list valid ports');
  }
  const ws = await new Promise<WebSocket>((r) => channelWss.handleUpgrade(req, socket, head, r));
  wsPortForward(ws, protocol, ports, dial, podName);
}

function startSpdy(bytes: Duplex, dial: Dialer, podName: string, idleTimeoutMs?: number): void {
  const session = new SpdySession(bytes, { isServer: true, idleTimeoutMs });
  session.on('error', () => undefined);
  session.on('goaway', () => session.close());
  spdyPortForward(session, dial, podName);
}
