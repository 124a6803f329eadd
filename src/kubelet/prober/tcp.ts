/** tcpSocket probes: success when a TCP connection opens within the timeout (pkg/probe/tcp). */
import { connect } from 'node:net';
import { dialError, hostPort } from './net-error.ts';
import type { ProbeOutcome } from './types.ts';

export function tcpProbe(host: string, port: number, timeoutMs: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    const done = (o: ProbeOutcome) => { clearTimeout(t); s.destroy(); resolve(o); };
    const t = setTimeout(() => done({ result: 'failure', output: `dial tcp ${hostPort(host, port)}: i/o timeout` }), timeoutMs);
    s.once('connect', () => done({ result: 'success', output: '' }));
    s.once('error', (e) => done({ result: 'failure', output: dialError(e, host, port) }));
  });
}
