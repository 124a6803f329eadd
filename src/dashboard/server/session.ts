/**
 * Who may use the dashboard: whoever holds the login token printed by `k8ts dashboard`. The
 * token is exchanged once for a session cookie (HttpOnly, SameSite=Strict), so it does not
 * stay in the address bar or reach scripts. Requests that change things must also carry a
 * custom header, which a cross-site page cannot send without a CORS preflight we never grant.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const COOKIE = 'k8ts_dashboard';
/** Sent by the app on every write; see the file comment. */
export const CSRF_HEADER = 'x-k8ts-dashboard';

export const newToken = (): string => randomBytes(24).toString('base64url');

export interface Sessions {
  /** True when `given` is the login token. */
  checkToken(given: string): boolean;
  /** A new session id for a successful login. */
  open(): string;
  /** True when the request carries a live session cookie. */
  valid(req: IncomingMessage): boolean;
}

export function sessions(token: string): Sessions {
  const live = new Set<string>();
  const want = Buffer.from(token);
  return {
    checkToken(given) {
      const g = Buffer.from(given);
      return g.length === want.length && timingSafeEqual(g, want);
    },
    open() {
      const id = randomBytes(32).toString('base64url');
      live.add(id);
      return id;
    },
    valid(req) {
      const id = parseCookies(req.headers.cookie)[COOKIE];
      return id !== undefined && live.has(id);
    },
  };
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

export const sessionCookie = (id: string): string => `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`;

/**
 * The Host header must name the address we listen on: a page on another site that points its
 * own name at 127.0.0.1 (DNS rebinding) then gets nothing. Origin, when present, must match too.
 */
export function sameOrigin(req: IncomingMessage, allowedHosts: ReadonlySet<string>): boolean {
  const host = req.headers.host ?? '';
  if (!allowedHosts.has(host)) return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${host}`;
}
