/**
 * Proxies an HTTP upgrade (SPDY or WebSocket: exec, attach, port-forward, pods/proxy) to a
 * target URL: the request is sent again over a new connection — the client's headers minus
 * its credentials and Host — and from then on bytes are copied both ways untouched, so the
 * target's own 101 (or error) reaches the client as it was written. This is what
 * k8s.io/apimachinery/pkg/util/proxy UpgradeAwareHandler does for upgrades, without the
 * response inspection.
 */
import type { IncomingMessage } from 'node:http';
import { connect as netConnect, isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Duplex } from 'node:stream';
import { StatusError } from '../../api/errors.ts';
import { writeSocketStatus } from '../http/respond.ts';
import type { TLSOptions } from './target.ts';

/** Request headers never forwarded: hop-by-hop transport and the client's own credentials. */
const DROP = new Set(['host', 'authorization', 'proxy-authorization', 'proxy-connection', 'keep-alive', 'te', 'trailer', 'impersonate-user', 'impersonate-group']);

export function proxyUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, targetUrl: string | URL, tls?: TLSOptions): Promise<void> {
  const url = typeof targetUrl === 'string' ? new URL(targetUrl) : targetUrl;
  const secure = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (secure ? 443 : 80));
  return new Promise<void>((resolve) => {
    let connected = false;
    const up: Duplex = secure
      ? tlsConnect({ host, port, ...(isIP(host) ? {} : { servername: host }), ...tls }, onConnect)
      : netConnect({ host, port }, onConnect);
    function onConnect() {
      connected = true;
      const lines = [`${req.method ?? 'GET'} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        if (!DROP.has(req.rawHeaders[i].toLowerCase())) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      }
      up.write(lines.join('\r\n') + '\r\n\r\n');
      if (head.length) up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    }
    const finish = () => { up.destroy(); socket.destroy(); resolve(); };
    up.on('error', (e) => {
      if (connected) return finish();
      writeSocketStatus(socket, new StatusError({ code: 500, reason: 'InternalError', message: `error dialing backend: ${e.message}` }));
      resolve();
    });
    up.on('close', finish);
    socket.on('error', finish);
    socket.on('close', finish);
  });
}
