/**
 * Node socket errors in the words of Go's net package, which Kubernetes' probe messages quote
 * ("dial tcp 10.244.0.5:8080: connect: connection refused").
 */
const WORDS: Record<string, string> = {
  ECONNREFUSED: 'connect: connection refused',
  EHOSTUNREACH: 'connect: no route to host',
  ENETUNREACH: 'connect: network is unreachable',
  ECONNRESET: 'read: connection reset by peer',
  ETIMEDOUT: 'i/o timeout',
};

export const hostPort = (host: string, port: number) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

export function dialError(e: unknown, host: string, port: number): string {
  const code = (e as { code?: string }).code ?? '';
  return `dial tcp ${hostPort(host, port)}: ${WORDS[code] ?? (e as Error).message ?? String(e)}`;
}
