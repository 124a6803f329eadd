/**
 * serveRemoteCommand: the exec/attach endpoint for an HTTP upgrade, over WebSocket (kubectl 1.30+, browsers)
 * or SPDY/3.1 (kubectl ≤ 1.29 and the 1.30+ fallback). The backend sees plain Node streams.
 * Mirrors the kubelet's pkg/kubelet/cri/streaming/remotecommand (httpstream.go, websocket.go).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { SpdySession } from '../spdy/session.ts';
import { acceptSpdyUpgrade, headerList, refuseUpgrade, upgradeKind } from '../upgrade-reply.ts';
import type { CommandChannels, CommandStreams } from './channels.ts';
import { type CommandResult, pickProtocol, type RemoteCommandOptions, spdyProtocols, wsProtocols } from './protocols.ts';
import { spdyCommandChannels } from './spdy-channels.ts';
import { wsCommandChannels } from './ws-channels.ts';

export type CommandHandler = (streams: CommandStreams) => Promise<CommandResult>;

export interface ServeOptions {
  /** How long to wait for the client's SPDY streams (default 30 s, as the kubelet). */
  streamCreationTimeoutMs?: number;
  /** Close a SPDY connection idle this long (default: never). */
  idleTimeoutMs?: number;
}

const wss = new WebSocketServer({
  noServer: true,
  handleProtocols: (offered) => pickProtocol([...offered], wsProtocols) ?? false,
});

/**
 * Performs the upgrade on (req, socket, head) from an http server's 'upgrade' event, runs `handler` with the
 * requested streams, and finishes with the Status on the error channel. Resolves when the handler is done
 * (or the upgrade was refused).
 */
export async function serveRemoteCommand(req: IncomingMessage, socket: Duplex, head: Buffer,
  opts: RemoteCommandOptions, handler: CommandHandler, serve: ServeOptions = {}): Promise<void> {
  if (!opts.stdin && !opts.stdout && !opts.stderr) {
    return refuseUpgrade(socket, 400, 'BadRequest', 'you must specify at least 1 of stdin, stdout, stderr');
  }
  const kind = upgradeKind(req);
  let channels: CommandChannels;
  if (kind === 'websocket') {
    const offered = headerList(req, 'sec-websocket-protocol');
    const protocol = offered.length ? pickProtocol(offered, wsProtocols) : 'channel.k8s.io';
    if (!protocol) {
      return refuseUpgrade(socket, 400, 'BadRequest', `none of the subprotocols ${offered.join(', ')} is supported`);
    }
    const ws = await new Promise<import('ws').WebSocket>((r) => wss.handleUpgrade(req, socket, head, r));
    channels = wsCommandChannels(ws, protocol, opts);
  } else if (kind === 'spdy') {
    const offered = headerList(req, 'x-stream-protocol-version');
    const protocol = pickProtocol(offered, spdyProtocols);
    if (!protocol) {
      return refuseUpgrade(socket, 403, 'Forbidden', `unable to upgrade: no common stream protocol in [${offered.join(', ')}]`,
        spdyProtocols.map((p) => ['X-Accepted-Stream-Protocol-Versions', p]));
    }
    acceptSpdyUpgrade(socket, protocol);
    if (head.length) socket.unshift(head);
    const session = new SpdySession(socket, { isServer: true, idleTimeoutMs: serve.idleTimeoutMs });
    session.on('error', () => undefined);
    try {
      channels = await spdyCommandChannels(session, protocol, opts, serve.streamCreationTimeoutMs);
    } catch {
      session.destroy();
      return;
    }
  } else {
    return refuseUpgrade(socket, 400, 'BadRequest', 'Upgrade request required');
  }
  let result: CommandResult;
  try {
    result = await handler(channels.streams);
  } catch (e) {
    result = { error: (e as Error).message };
  }
  await channels.finish(result);
}
