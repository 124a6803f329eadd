// Who a TLS client is, from its verified certificate: the subject's CN is the user name and
// each O is a group, as the Kubernetes x509 authenticator reads it:
// https://kubernetes.io/docs/reference/access-authn-authz/authentication/#x509-client-certificates
import type { PeerCertificate } from 'node:tls';

export interface ClientIdentity {
  user: string;
  groups: string[];
}

/**
 * Reads the identity from a peer certificate. Call it only when `socket.authorized` is true: the
 * chain check against the CA is Node's (server options `requestCert: true, rejectUnauthorized:
 * false, ca`). Returns undefined when there is no certificate or no CN.
 */
export function verifyClientCert(peerCert: PeerCertificate | undefined | null): ClientIdentity | undefined {
  const subject = peerCert?.subject as Record<string, string | string[] | undefined> | undefined;
  if (!subject) return undefined;
  const cn = first(subject.CN);
  if (!cn) return undefined;
  return { user: cn, groups: list(subject.O) };
}

// Node gives a string for one value and an array when an attribute repeats.
function list(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function first(v: string | string[] | undefined): string | undefined {
  return list(v)[0];
}
