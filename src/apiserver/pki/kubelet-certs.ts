// Certificates for the API server ↔ kubelet link, signed by the cluster CA and kept beside the
// others in <dataDir>/pki/: the API server's client certificate for calling kubelets (CN
// kube-apiserver-kubelet-client, O system:masters, as kubeadm issued it up to v1.28) and a
// kubelet's serving certificate. Reused while still good, issued anew otherwise.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCert, sansOf, stillGood } from './check.ts';
import type { PKI } from './ensure.ts';
import { loadSigner, newLeaf, type Issued, type LeafSpec } from './issue.ts';
import { covers, wantedSANs } from './sans.ts';

export const KUBELET_CLIENT_CN = 'kube-apiserver-kubelet-client';
const DAYS = 365;
const RENEW_DAYS = 30;

/** The API server's client certificate for kubelets (`apiserver-kubelet-client.{crt,key}`). */
export function ensureKubeletClientCert(pki: PKI): Promise<Issued> {
  return ensureLeafPair(pki, 'apiserver-kubelet-client', { commonName: KUBELET_CLIENT_CN, organizations: ['system:masters'], days: DAYS, usage: 'client' });
}

/** A kubelet's serving certificate (`kubelet-<node>.{crt,key}`) covering the node's names and addresses. */
export function ensureKubeletServingCert(pki: PKI, nodeName: string, hosts: string[]): Promise<Issued> {
  const sans = wantedSANs([nodeName, ...hosts]);
  return ensureLeafPair(pki, `kubelet-${nodeName}`, { commonName: `system:node:${nodeName}`, organizations: ['system:nodes'], days: DAYS, usage: 'server', sans });
}

/** Reuses `<pki.dir>/<base>.{crt,key}` when signed by the current CA, lasting and covering the SANs; else issues it. */
export async function ensureLeafPair(pki: PKI, base: string, spec: LeafSpec): Promise<Issued> {
  const certFile = join(pki.dir, `${base}.crt`);
  const keyFile = join(pki.dir, `${base}.key`);
  const [certPem, keyPem] = await Promise.all([readFile(certFile, 'utf8').catch(() => ''), readFile(keyFile, 'utf8').catch(() => '')]);
  const have = certPem && keyPem ? parseCert(certPem) : undefined;
  const ca = parseCert(pki.caCertPem);
  if (have && ca && stillGood(have, ca, RENEW_DAYS) && (!spec.sans || covers(sansOf(have), spec.sans))) return { certPem, keyPem };
  const signer = await loadSigner(pki.caCertPem, await readFile(pki.caKeyFile, 'utf8'));
  const made = await newLeaf(signer, spec);
  for (const [file, data] of [[certFile, made.certPem], [keyFile, made.keyPem]]) {
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, file);
  }
  return made;
}
