/**
 * The exec/attach subprotocols and the final Status each one carries
 * [src: apimachinery pkg/util/remotecommand/constants.go; kubelet pkg/kubelet/cri/streaming/remotecommand/httpstream.go].
 */
export const wsProtocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v4.base64.channel.k8s.io', 'channel.k8s.io',
  'base64.channel.k8s.io'] as const;
export const spdyProtocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io',
  'channel.k8s.io'] as const;

/** The client's first protocol that we support (apimachinery httpstream.Handshake picks the same way). */
export function pickProtocol(offered: string[], supported: readonly string[]): string | undefined {
  return offered.find((p) => supported.includes(p));
}

/** v4 and v5 carry a JSON Status on the error channel; older versions a bare message. */
export function statusIsJson(protocol: string): boolean {
  return protocol.startsWith('v4.') || protocol.startsWith('v5.');
}

export type CommandResult = { exitCode: number } | { error: string };

/** The error-channel payload for a result, or undefined when nothing is to be sent (old protocols, success). */
export function statusPayload(protocol: string, result: CommandResult): string | undefined {
  if ('error' in result) {
    const status = { metadata: {}, status: 'Failure', message: result.error, reason: 'InternalError',
      details: { causes: [{ message: result.error }] }, code: 500 };
    return statusIsJson(protocol) ? JSON.stringify(status) : result.error;
  }
  if (result.exitCode === 0) return statusIsJson(protocol) ? JSON.stringify({ metadata: {}, status: 'Success' }) : undefined;
  const message = `command terminated with non-zero exit code: exit code ${result.exitCode}`;
  if (!statusIsJson(protocol)) return message;
  return JSON.stringify({ metadata: {}, status: 'Failure', message, reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(result.exitCode) }] } });
}

export interface RemoteCommandOptions { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean }

/** Reads the flags kubectl puts in the exec/attach query (`stdin=true&stdout=true&tty=true&command=…`). */
export function parseRemoteCommandQuery(q: URLSearchParams): RemoteCommandOptions & { command: string[]; container: string } {
  const flag = (n: string) => q.get(n) === 'true' || q.get(n) === '1';
  const tty = flag('tty');
  return { stdin: flag('stdin'), stdout: flag('stdout'), stderr: flag('stderr') && !tty, tty,
    command: q.getAll('command'), container: q.get('container') ?? '' };
}

/** One resize event, from kubectl's `{"Width":W,"Height":H}` lines. */
export interface TerminalSize { width: number; height: number }

export function parseResize(line: string): TerminalSize | undefined {
  try {
    const v = JSON.parse(line) as { Width?: unknown; Height?: unknown };
    if (typeof v.Width === 'number' && typeof v.Height === 'number') return { width: v.Width, height: v.Height };
  } catch { /* a malformed line is skipped, as the kubelet does */ }
  return undefined;
}
