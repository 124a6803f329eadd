/**
 * The kubelet's streaming endpoints (pkg/kubelet/server/server.go getExec/getAttach/
 * getPortForward): kubectl's own protocol arrives unchanged through the API server's upgrade
 * proxy, so we speak it here (serveRemoteCommand / servePortForward, every version kubectl
 * uses) and bridge to the runtime's stream server over SPDY, which containerd understands.
 * Idle connections are closed after `idleTimeoutMs` (the kubelet's
 * --streaming-connection-idle-timeout, 4 h by default; 0 = never).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { servePortForward } from '../../streaming/portforward/serve.ts';
import { parseRemoteCommandQuery } from '../../streaming/remotecommand/protocols.ts';
import { serveRemoteCommand } from '../../streaming/remotecommand/serve.ts';
import { refuseUpgrade } from '../../streaming/upgrade-reply.ts';
import type { CRIClient } from '../cri/service.ts';
import { bridgeCommand, RUNTIME_COMMAND_PROTOCOL } from './command-bridge.ts';
import { dialRuntimeSpdy } from './cri-dial.ts';
import { RUNTIME_PORTFORWARD_PROTOCOL, runtimeForward } from './portforward-bridge.ts';
import { watchExec } from './exec-reaper.ts';
import { closeWhenIdle } from './idle.ts';
import { findContainer, findSandbox, type Lookup } from './resolve.ts';

export const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 4 * 60 * 60 * 1000;

export interface StreamRoute {
  kind: 'exec' | 'attach' | 'portForward';
  namespace: string;
  pod: string;
  /** Empty for portForward. */
  container: string;
}

export type StreamHandler = (route: StreamRoute, req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;

export interface StreamHandlerOptions {
  cri: CRIClient;
  /** Close a stream connection with no traffic for this long (default 4 h; 0 = never). */
  idleTimeoutMs?: number;
  /** How long kubectl has to open its SPDY streams (default 30 s). */
  streamCreationTimeoutMs?: number;
  /** Overrides the runtime-id lookups (default: by the kubelet's CRI labels). */
  resolveContainer?: (ns: string, pod: string, container: string) => Promise<Lookup>;
  resolveSandbox?: (ns: string, pod: string) => Promise<Lookup>;
  log?: (line: string) => void;
}

/** Matches `/exec|/attach/{ns}/{pod}/{container}` and `/portForward/{ns}/{pod}` (an optional uid segment is ignored). */
export function parseStreamPath(path: string): StreamRoute | undefined {
  const m = /^\/(exec|attach|portForward)\/([^/]+)\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?\/?$/.exec(path);
  if (!m) return undefined;
  const kind = m[1] as StreamRoute['kind'];
  const [ns, pod] = [m[2], m[3]].map(decodeURIComponent);
  if (kind === 'portForward') return m[5] ? undefined : { kind, namespace: ns, pod, container: '' };
  if (!m[4]) return undefined;
  // {ns}/{pod}/{uid}/{container} is the kubelet's other form.
  return { kind, namespace: ns, pod, container: decodeURIComponent(m[5] ?? m[4]) };
}

export function createStreamHandler(o: StreamHandlerOptions): StreamHandler {
  const idle = o.idleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS;
  // A runtime that fails the lookup is a 500 before the upgrade, not a dropped connection.
  const safe = (f: () => Promise<Lookup>): Promise<Lookup> => f().catch((e: Error) => ({ error: e.message, code: 500 }));
  const resolveContainer = (ns: string, pod: string, c: string) => safe(() => (o.resolveContainer ?? ((a, b, d) => findContainer(o.cri, a, b, d)))(ns, pod, c));
  const resolveSandbox = (ns: string, pod: string) => safe(() => (o.resolveSandbox ?? ((a, b) => findSandbox(o.cri, a, b)))(ns, pod));
  return async (route, req, socket, head) => {
    socket.on('error', () => undefined);
    // Inactivity in either direction; a PING counts, as with the kubelet's idle timeout.
    closeWhenIdle(socket, idle, () => {
      o.log?.(`kubelet: closing idle ${route.kind} stream for ${route.namespace}/${route.pod}`);
      socket.destroy();
    });
    const q = new URL(req.url ?? '/', 'https://kubelet.invalid').searchParams;
    if (route.kind === 'portForward') {
      const sb = await resolveSandbox(route.namespace, route.pod);
      if (!('id' in sb)) return refuse(socket, sb);
      const fwd = runtimeForward(async () => {
        const { url } = await o.cri.runtime.portForward({ podSandboxId: sb.id, port: [] });
        return dialRuntimeSpdy(url, RUNTIME_PORTFORWARD_PROTOCOL);
      });
      socket.once('close', () => fwd.close());
      await servePortForward(req, socket, head, fwd.dial, { podName: route.pod });
      return;
    }
    const opts = parseRemoteCommandQuery(q);
    const found = await resolveContainer(route.namespace, route.pod, route.container);
    if (!('id' in found)) return refuse(socket, found);
    const containerId = found.id;
    await serveRemoteCommand(req, socket, head, opts, async (streams) => {
      const io = { stdin: !!streams.stdin, stdout: !!streams.stdout, stderr: !!streams.stderr && !opts.tty, tty: opts.tty };
      const reaper = route.kind === 'exec' ? await watchExec(o.cri, containerId) : undefined;
      const { url } = route.kind === 'exec'
        ? await o.cri.runtime.exec({ containerId, cmd: opts.command, ...io })
        : await o.cri.runtime.attach({ containerId, ...io });
      const session = await dialRuntimeSpdy(url, RUNTIME_COMMAND_PROTOCOL);
      const result = await bridgeCommand(session, streams, opts.tty);
      if (streams.signal.aborted && reaper) {
        const killed = await reaper.kill();
        if (killed.length) o.log?.(`kubelet: ${route.namespace}/${route.pod}/${route.container}: client gone, killed exec processes ${killed.join(' ')}`);
      }
      return result;
    }, { streamCreationTimeoutMs: o.streamCreationTimeoutMs });
  };
}

function refuse(socket: Duplex, l: { error: string; code: number }): void {
  refuseUpgrade(socket, l.code, l.code === 404 ? 'NotFound' : l.code === 500 ? 'InternalError' : 'BadRequest', l.error);
}
