/**
 * Exec, attach and port-forward for the browser. A page's WebSocket cannot set headers, so it
 * cannot carry the user's credentials: it talks to us (same origin, session cookie), and we
 * open the API's WebSocket with those credentials, offering the subprotocols the page offered
 * (`v5.channel.k8s.io`, `v4.channel.k8s.io`; kubectl-contract §6.1) and accepting the page with
 * the one the API chose. Frames are relayed as they are: the channel byte is the page's business.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { Upstream } from './upstream.ts';

/** Paths that may be upgraded: the streaming subresources of a pod. */
export const STREAM_PATH = /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/]+\/(exec|attach|portforward)(\?|$)/;

export function wsProxy(up: Upstream) {
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (_p, req) => (req as IncomingMessage & { chosen?: string }).chosen ?? false });
  return {
    handle(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const target = new URL(req.url ?? '/', up.url);
      target.protocol = up.url.protocol === 'https:' ? 'wss:' : 'ws:';
      const api = new WebSocket(target, offered, { ...up.tls, headers: { ...up.authHeaders, 'user-agent': 'k8ts-dashboard' } });
      let page: WebSocket | undefined;
      const pending: { data: RawData; binary: boolean }[] = [];
      api.on('unexpected-response', (_r, answer) => {
        // The API refused (401/403/404/…): the page gets the same status and the Status body.
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          socket.end(`HTTP/1.1 ${answer.statusCode} ${answer.statusMessage}\r\ncontent-type: ${answer.headers['content-type'] ?? 'text/plain'}\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`);
        });
      });
      api.on('error', () => { if (!page) socket.destroy(); else page.terminate(); });
      api.on('message', (data, binary) => { if (page) page.send(data, { binary }); else pending.push({ data, binary }); });
      api.on('open', () => {
        (req as IncomingMessage & { chosen?: string }).chosen = api.protocol;
        wss.handleUpgrade(req, socket, head, (ws) => {
          page = ws;
          for (const m of pending.splice(0)) ws.send(m.data, { binary: m.binary });
          ws.on('message', (data, binary) => { if (api.readyState === WebSocket.OPEN) api.send(data, { binary }); });
          ws.on('close', () => api.close());
          ws.on('error', () => api.terminate());
          api.on('close', (code, reason) => ws.close(validCode(code), reason));
        });
      });
      socket.on('error', () => api.terminate());
    },
    close: () => wss.close(),
  };
}

/** Close codes a peer may send (1005/1006 are only ever reported, never sent). */
const validCode = (c: number) => (c === 1000 || (c >= 3000 && c <= 4999) || (c >= 1001 && c <= 1014 && c !== 1005 && c !== 1006) ? c : 1000);
