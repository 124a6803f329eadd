/**
 * Authentication: a client certificate signed by our CA (CN = user, O = groups), or a
 * bearer token from the token file. Anonymous requests get 401, except the public health
 * and version endpoints that Kubernetes lets system:unauthenticated read
 * (the system:public-info-viewer role).
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { timingSafeEqual } from 'node:crypto';
import { verifyClientCert } from '../pki/index.ts';
import type { UserInfo } from '../rest/types.ts';

export interface TokenUser { token: string; user: UserInfo }

const PUBLIC = /^\/(version|healthz|livez|readyz)(\/.*)?$/;

export const isPublicPath = (path: string) => PUBLIC.test(path);

export function authenticate(req: IncomingMessage, tokens: TokenUser[]): UserInfo | undefined {
  const sock = req.socket as TLSSocket;
  if (sock.authorized) {
    const id = verifyClientCert(sock.getPeerCertificate());
    if (id) return { name: id.user, groups: [...id.groups, 'system:authenticated'] };
  }
  const h = req.headers.authorization;
  if (h && /^bearer\s+/i.test(h)) {
    const given = Buffer.from(h.replace(/^bearer\s+/i, '').trim());
    for (const t of tokens) {
      const want = Buffer.from(t.token);
      if (want.length === given.length && timingSafeEqual(want, given)) return t.user;
    }
  }
  return undefined;
}
