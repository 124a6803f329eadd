// Issues the cluster's certificates with @peculiar/x509 over Node's WebCrypto. The library is
// imported on first use only (see loadX509): checking existing certificates needs node:crypto
// alone (./check.ts), and a server restarting on a valid PKI stays ≈ 20 MB smaller.
// ECDSA P-256 keys take well under a millisecond to make, so a fresh PKI costs only a few
// signatures. Key usages follow what kubeadm issues for the same roles:
// https://github.com/kubernetes/kubernetes/blob/v1.33.0/cmd/kubeadm/app/phases/certs/certlist.go
import { createPrivateKey, KeyObject, webcrypto } from 'node:crypto';
import type * as X509 from '@peculiar/x509';
import type { SubjectAltNames } from './sans.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY = 24 * 60 * 60 * 1000;
/** Backdated a little so a client whose clock runs behind still accepts a brand-new certificate. */
const BACKDATE = 5 * 60 * 1000;

export interface Issued {
  certPem: string;
  keyPem: string;
}

export interface Signer {
  cert: X509.X509Certificate;
  key: CryptoKey;
}

let loaded: Promise<typeof X509> | undefined;

/** Imports @peculiar/x509 (through ./x509.ts, which sets it up) once, on first use. */
export function loadX509(): Promise<typeof X509> {
  loaded ??= import('./x509.ts').then((m) => m.x509);
  return loaded;
}

export async function newCA(commonName: string, days: number): Promise<Issued & Signer> {
  const x509 = await loadX509();
  const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${commonName}`,
    keys,
    serialNumber: serial(),
    notBefore: new Date(Date.now() - BACKDATE),
    notAfter: new Date(Date.now() + days * DAY),
    signingAlgorithm: SIGN,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, key: keys.privateKey, certPem: cert.toString('pem'), keyPem: await keyToPem(keys.privateKey) };
}

export interface LeafSpec {
  commonName: string;
  organizations?: string[];
  days: number;
  usage: 'server' | 'client';
  sans?: SubjectAltNames;
}

export async function newLeaf(ca: Signer, spec: LeafSpec): Promise<Issued> {
  const x509 = await loadX509();
  const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const eku = spec.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth;
  const extensions: X509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([eku]),
    await x509.AuthorityKeyIdentifierExtension.create(ca.cert.publicKey),
  ];
  if (spec.sans) {
    const names = [
      ...spec.sans.dns.map((value) => ({ type: 'dns' as const, value })),
      ...spec.sans.ips.map((value) => ({ type: 'ip' as const, value })),
    ];
    extensions.push(new x509.SubjectAlternativeNameExtension(names));
  }
  const subject = [{ CN: [spec.commonName] }, ...(spec.organizations ?? []).map((o) => ({ O: [o] }))];
  const cert = await x509.X509CertificateGenerator.create({
    subject: new x509.Name(subject).toString(),
    issuer: ca.cert.subject,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    serialNumber: serial(),
    notBefore: new Date(Date.now() - BACKDATE),
    notAfter: new Date(Date.now() + spec.days * DAY),
    signingAlgorithm: SIGN,
    extensions,
  });
  return { certPem: cert.toString('pem'), keyPem: await keyToPem(keys.privateKey) };
}

/** Reads a PEM CA back into a signer (for later starts that only renew a leaf certificate). */
export async function loadSigner(certPem: string, keyPem: string): Promise<Signer> {
  const x509 = await loadX509();
  const der = createPrivateKey(keyPem).export({ format: 'der', type: 'pkcs8' });
  const key = await webcrypto.subtle.importKey('pkcs8', der, EC, false, ['sign']);
  return { cert: new x509.X509Certificate(certPem), key };
}

async function keyToPem(key: CryptoKey): Promise<string> {
  return KeyObject.from(key).export({ format: 'pem', type: 'pkcs8' }) as string;
}

/** A positive 128-bit serial: RFC 5280 §4.1.2.2 wants it unique per CA and non-negative. */
function serial(): string {
  const b = webcrypto.getRandomValues(new Uint8Array(16));
  b[0] &= 0x7f;
  b[0] |= 0x01;
  return Buffer.from(b).toString('hex');
}
