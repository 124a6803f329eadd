// Reads and checks existing certificates with node:crypto only. A restart with a valid PKI on
// disk goes through here alone, so the much larger @peculiar/x509 (≈ 20 MB of resident memory
// with its dependencies) is loaded only when something must be issued (./issue.ts).
import { X509Certificate } from 'node:crypto';
import { normalizeIP, type SubjectAltNames } from './sans.ts';

const DAY = 24 * 60 * 60 * 1000;

/** Parses a PEM certificate; undefined when it is not one (treated as missing, so it is issued anew). */
export function parseCert(pem: string): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

/** True when `cert` does not expire within `marginDays`. */
export function lastsAtLeast(cert: X509Certificate, marginDays: number): boolean {
  return cert.validToDate.getTime() - Date.now() >= marginDays * DAY;
}

/** True when `ca` issued `cert` (issuer name matches and the signature verifies) and `cert` lasts `marginDays` more. */
export function stillGood(cert: X509Certificate, ca: X509Certificate, marginDays: number): boolean {
  return lastsAtLeast(cert, marginDays) && cert.checkIssued(ca) && cert.verify(ca.publicKey);
}

/** The SANs written in a certificate. */
export function sansOf(cert: X509Certificate): SubjectAltNames {
  return parseSubjectAltName(cert.subjectAltName);
}

/**
 * Splits Node's SAN text ("DNS:localhost, IP Address:127.0.0.1, …") into DNS names and IPs.
 * Node writes a value that holds a comma or quote as a JSON string (`DNS:"a,b"`), so a quoted
 * value is read as JSON; other kinds (URI, email) are ignored, as the serving check needs none.
 */
export function parseSubjectAltName(text: string | undefined): SubjectAltNames {
  const out: SubjectAltNames = { dns: [], ips: [] };
  const re = /(DNS|IP Address|[A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/g;
  for (const m of (text ?? '').matchAll(re)) {
    const value = m[2].startsWith('"') ? JSON.parse(m[2]) as string : m[2];
    if (m[1] === 'DNS') out.dns.push(value);
    else if (m[1] === 'IP Address') out.ips.push(normalizeIP(value));
  }
  return out;
}
