/**
 * Runs one probe handler (exec, httpGet, tcpSocket, grpc) against a container, as
 * pkg/kubelet/prober/prober.go runProbe does; lifecycle hooks reuse the exec and httpGet parts.
 * Network probes go from the node to the pod IP (or the handler's host).
 */
import type { Container, Probe } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { Code, CRIError, type CRIClient } from '../cri/service.ts';
import { grpcProbe } from './grpc.ts';
import { httpProbe } from './http.ts';
import { tcpProbe } from './tcp.ts';
import type { ProbeOutcome } from './types.ts';

type RO<T> = DeepReadonly<T>;

export interface HandlerTarget {
  cri: CRIClient;
  containerId: string;
  container: RO<Container>;
  /** Where network handlers connect when they name no host. */
  podIP?: string;
}

/** A port by number, or by the name of one of the container's ports (pkg/kubelet/prober resolveContainerPort). */
export function resolvePort(port: number | string | undefined, c: RO<Container>): number | Error {
  if (typeof port === 'number') return port;
  const named = c.ports?.find((p) => p.name === port);
  if (named) return named.containerPort;
  if (port !== undefined && /^\d+$/.test(port)) return Number(port);
  return new Error(`couldn't find port: ${port} in ${c.name}`);
}

/** exec: the command through CRI ExecSync with the timeout; non-zero exit fails with the output. */
export async function execHandler(t: HandlerTarget, cmd: readonly string[], timeoutSeconds: number): Promise<ProbeOutcome> {
  try {
    const r = await t.cri.runtime.execSync({ containerId: t.containerId, cmd: [...cmd], timeout: timeoutSeconds },
      { timeoutMs: (timeoutSeconds || 60) * 1000 + 5000 });
    const output = Buffer.concat([r.stdout, r.stderr]).toString('utf8');
    return { result: r.exitCode === 0 ? 'success' : 'failure', output };
  } catch (e) {
    if (e instanceof CRIError && (e.code === Code.DEADLINE_EXCEEDED || /timeout|deadline/i.test(e.message))) {
      return { result: 'failure', output: `command "${cmd.join(' ')}" timed out` };
    }
    return { result: 'error', output: (e as Error).message };
  }
}

export async function runProbeHandler(p: RO<Probe>, t: HandlerTarget): Promise<ProbeOutcome> {
  const timeoutSeconds = p.timeoutSeconds ?? 1;
  const timeoutMs = timeoutSeconds * 1000;
  if (p.exec) return execHandler(t, p.exec.command ?? [], timeoutSeconds);
  const net = p.httpGet ?? p.tcpSocket ?? p.grpc;
  if (!net) return { result: 'error', output: 'missing probe handler' };
  const host = (p.httpGet?.host ?? p.tcpSocket?.host) || t.podIP;
  if (!host) return { result: 'error', output: 'the pod has no IP yet' };
  const port = resolvePort(net.port as number | string, t.container);
  if (port instanceof Error) return { result: 'error', output: port.message };
  if (p.httpGet) {
    return httpProbe({
      scheme: (p.httpGet.scheme ?? 'HTTP') as 'HTTP' | 'HTTPS', host, port, path: p.httpGet.path ?? '/',
      headers: p.httpGet.httpHeaders ?? [], timeoutMs,
    });
  }
  if (p.tcpSocket) return tcpProbe(host, port, timeoutMs);
  return grpcProbe(host, port, p.grpc?.service ?? '', timeoutMs);
}
