/**
 * Who may use the kubelet API: a client certificate signed by the cluster CA (Node checks the
 * chain: requestCert with rejectUnauthorized false) whose CN is one of the allowed users —
 * the API server's kubelet client and the cluster admin. The kubelet answers 401 without a
 * valid certificate and 403 for a known but unauthorised user, worded as its
 * authorizer does (pkg/kubelet/server/auth.go).
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { verifyClientCert } from '../../apiserver/pki/index.ts';

export const KUBELET_CLIENT_USER = 'kube-apiserver-kubelet-client';

export type AuthResult = { ok: true; user: string } | { ok: false; code: 401 | 403; message: string };

export function authorizeKubeletRequest(req: IncomingMessage, allowed: readonly string[]): AuthResult {
  const sock = req.socket as TLSSocket;
  const id = sock.authorized ? verifyClientCert(sock.getPeerCertificate()) : undefined;
  if (!id) return { ok: false, code: 401, message: 'Unauthorized' };
  if (allowed.includes(id.user)) return { ok: true, user: id.user };
  const verb = req.method === 'GET' || req.method === 'HEAD' ? 'get' : 'create';
  return { ok: false, code: 403, message: `Forbidden (user=${id.user}, verb=${verb}, resource=nodes, subresource=proxy)` };
}
