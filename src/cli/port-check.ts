// Fails early, before a background server is started, when its port cannot be bound: the
// message then reaches the user directly instead of only the server's log.
import * as net from 'node:net';
import { listenError } from './cmd-server.ts';
import type { CliOptions } from './options.ts';

export function checkPortFree(o: Pick<CliOptions, 'apiPort' | 'bindAddress'>): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', (e) => reject(listenError(e, o) ?? e));
    srv.listen({ port: o.apiPort, host: o.bindAddress, exclusive: true }, () => srv.close(() => resolve()));
  });
}
