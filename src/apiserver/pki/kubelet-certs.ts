// Certificates for the API server ↔ kubelet link, signed by the cluster CA and kept beside the
// others in <dataDir>/pki/: the API server's client certificate for calling kubelets (CN
// kube-apiserver-kubelet-client, O system:masters, as kubeadm issued it up to v1.28) and a
// kubelet's serving certificate. Reused while still good, issued anew otherwise.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCert, sansOf } from './check.ts';
import { ensureLeaf, type PKI } from './ensure.ts';
import { loadSigner, type Issued, type LeafSpec } from './issue.ts';
import { covers, wantedSANs } from './sans.ts';

export const KUBELET_CLIENT_CN = 'kube-apiserver-kubelet-client';
const DAYS = 365;

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
  const signer = async () => loadSigner(pki.caCertPem, await readFile(pki.caKeyFile, 'utf8'));
  const { certPem, keyPem } = await ensureLeaf(signer, parseCert(pki.caCertPem), join(pki.dir, `${base}.crt`), join(pki.dir, `${base}.key`),
    spec, (c) => !spec.sans || covers(sansOf(c), spec.sans));
  return { certPem, keyPem };
}
