// The cluster's PKI under <dataDir>/pki/: made on first start, reused afterwards. Only what is
// missing, expiring, not signed by the current CA, or (for the serving certificate) no longer
// covering this host's names is made again, so kubeconfigs written earlier keep working.
// Checks use node:crypto (./check.ts); @peculiar/x509 is loaded only when something is issued.
import { randomBytes, type X509Certificate } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { lastsAtLeast, parseCert, sansOf, stillGood } from './check.ts';
import { loadSigner, newCA, newLeaf, type Issued, type LeafSpec, type Signer } from './issue.ts';
import { covers, hostNamesAndAddresses, wantedSANs } from './sans.ts';

export const CA_NAME = 'k8ts-ca';
export const ADMIN_USER = 'k8ts-admin';
export const ADMIN_GROUP = 'system:masters';
const CA_DAYS = 3650;
const LEAF_DAYS = 365;
/** Renew a leaf this many days before it expires (k3s renews in the last 90 days; a local cluster restarts often). */
const RENEW_DAYS = 30;

export interface PKI {
  dir: string;
  caCertPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  adminCertPem: string;
  adminKeyPem: string;
  adminToken: string;
  caCertFile: string;
  caKeyFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  adminCertFile: string;
  adminKeyFile: string;
  tokenFile: string;
  /** What this call made anew ('ca', 'apiserver', 'admin', 'token'); empty when all was reused. */
  generated: string[];
}

export interface EnsurePKIOptions {
  /** Extra names or addresses the serving certificate must cover (e.g. a bind address or public name). */
  hosts?: string[];
}

export async function ensurePKI(dataDir: string, opts: EnsurePKIOptions = {}): Promise<PKI> {
  const dir = path.join(dataDir, 'pki');
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const file = (name: string) => path.join(dir, name);
  const generated: string[] = [];

  let ca = await readPair(file('ca.crt'), file('ca.key'));
  let signer: () => Promise<Signer>;
  if (ca && lastsAtLeast(ca.cert, RENEW_DAYS)) {
    const { certPem, keyPem } = ca;
    let loading: Promise<Signer> | undefined;
    signer = () => (loading ??= loadSigner(certPem, keyPem)); // only when a leaf must be issued
  } else {
    const made = await newCA(CA_NAME, CA_DAYS);
    await writePair(file('ca.crt'), file('ca.key'), made);
    ca = { certPem: made.certPem, keyPem: made.keyPem, cert: parseCert(made.certPem)! };
    signer = () => Promise.resolve(made);
    generated.push('ca');
  }
  const caIsNew = generated.includes('ca');
  const caCert = ca.cert;

  const sans = wantedSANs([...hostNamesAndAddresses(), ...(opts.hosts ?? [])]);
  const server = await ensureLeaf(signer, caIsNew ? undefined : caCert, file('apiserver.crt'), file('apiserver.key'),
    { commonName: 'kube-apiserver', days: LEAF_DAYS, usage: 'server', sans },
    (c) => covers(sansOf(c), sans), () => generated.push('apiserver'));
  const admin = await ensureLeaf(signer, caIsNew ? undefined : caCert, file('admin.crt'), file('admin.key'),
    { commonName: ADMIN_USER, organizations: [ADMIN_GROUP], days: LEAF_DAYS, usage: 'client' },
    () => true, () => generated.push('admin'));

  let token = (await readOptional(file('token')))?.trim() ?? '';
  if (!/^[0-9a-f]{64}$/.test(token)) {
    token = randomBytes(32).toString('hex');
    await writeSecret(file('token'), token + '\n');
    generated.push('token');
  }

  return {
    dir, caCertPem: ca.certPem, serverCertPem: server.certPem, serverKeyPem: server.keyPem,
    adminCertPem: admin.certPem, adminKeyPem: admin.keyPem, adminToken: token,
    caCertFile: file('ca.crt'), caKeyFile: file('ca.key'), serverCertFile: file('apiserver.crt'),
    serverKeyFile: file('apiserver.key'), adminCertFile: file('admin.crt'), adminKeyFile: file('admin.key'),
    tokenFile: file('token'), generated,
  };
}

/**
 * Reuses the pair at certFile/keyFile when it is still good, else issues and writes a new one.
 * `ca` is the CA to check an existing leaf against; undefined when the CA is new (nothing to reuse).
 */
export async function ensureLeaf(signer: () => Promise<Signer>, ca: X509Certificate | undefined, certFile: string, keyFile: string,
  spec: LeafSpec, fits: (c: X509Certificate) => boolean, onNew: () => void = () => {}): Promise<Issued> {
  const have = ca ? await readPair(certFile, keyFile) : undefined;
  if (ca && have && fits(have.cert) && stillGood(have.cert, ca, RENEW_DAYS)) return have;
  const made = await newLeaf(await signer(), spec);
  await writePair(certFile, keyFile, made);
  onNew();
  return made;
}

async function readPair(certFile: string, keyFile: string): Promise<(Issued & { cert: X509Certificate }) | undefined> {
  const [certPem, keyPem] = await Promise.all([readOptional(certFile), readOptional(keyFile)]);
  if (!certPem || !keyPem) return undefined;
  const cert = parseCert(certPem); // unreadable: treat as missing and issue anew
  return cert && { cert, certPem, keyPem };
}

async function writePair(certFile: string, keyFile: string, p: { certPem: string; keyPem: string }): Promise<void> {
  await Promise.all([writeSecret(certFile, p.certPem), writeSecret(keyFile, p.keyPem)]);
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Writes via a temporary file and rename, so a reader never sees half a key; mode 0600 from the start. */
async function writeSecret(file: string, data: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, data, { mode: 0o600 });
  await fs.rename(tmp, file);
}
