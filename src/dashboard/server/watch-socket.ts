/**
 * Watches over WebSockets: `/_dashboard/watch?path=<API watch path>` relays each event line of
 * the API's streamed watch as one text message. Why: a page holds a watch open per resource it
 * shows, and browsers allow only six HTTP/1.1 connections per host, so six open watch fetches
 * would leave none for the page's other requests. WebSockets are not counted in that limit.
 */
import { request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { requestOptions, type Upstream } from './upstream.ts';

export const WATCH_SOCKET = '/_dashboard/watch';

export function watchSockets(up: Upstream) {
  const wss = new WebSocketServer({ noServer: true });
  return {
    handle(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      const path = new URL(req.url ?? '/', 'http://x').searchParams.get('path') ?? '';
      if (!/^\/(api|apis)\//.test(path) || !/[?&]watch=(true|1)(&|$)/.test(path)) {
        socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const headers = { ...up.authHeaders, accept: 'application/json', 'user-agent': 'k8ts-dashboard' };
        const out = httpsRequest(requestOptions(up, 'GET', path, headers), (answer) => {
          answer.setEncoding('utf8');
          if (answer.statusCode !== 200) {
            // The API's refusal (a Status) as a watch ERROR event, as a watch would carry it.
            let body = '';
            answer.on('data', (c: string) => { body += c; });
            answer.on('end', () => {
              let status: unknown = { kind: 'Status', code: answer.statusCode, message: body.trim() };
              try { status = JSON.parse(body); } catch { /* keep the text */ }
              ws.send(JSON.stringify({ type: 'ERROR', object: status }));
              ws.close(1000);
            });
            return;
          }
          let buf = '';
          answer.on('data', (c: string) => {
            buf += c;
            let i: number;
            while ((i = buf.indexOf('\n')) >= 0) {
              const line = buf.slice(0, i).trim();
              buf = buf.slice(i + 1);
              if (line) ws.send(line);
            }
          });
          answer.on('end', () => ws.close(1000));
          answer.on('error', () => ws.close(1011));
        });
        out.on('error', () => ws.close(1011));
        out.end();
        ws.on('close', () => out.destroy());
        ws.on('error', () => out.destroy());
      });
    },
    close: () => wss.close(),
  };
}
