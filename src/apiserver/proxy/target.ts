/** How the API server reaches a node's kubelet: a base URL and the TLS client options. */
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { notFound } from '../../api/errors.ts';
import { kubeletAddressOf, kubeletBase, type KubeletAddress } from './kubelet-address.ts';

export interface KubeletClientTLS {
  /** CA to verify kubelet serving certificates; when absent they are not verified (the API server's default without --kubelet-certificate-authority). */
  ca?: string;
  cert: string;
  key: string;
}

export interface TLSOptions { ca?: string; cert: string; key: string; rejectUnauthorized: boolean }

export type KubeletTarget = (nodeName: string) => Promise<{ base: string; tls: TLSOptions }>;

export function kubeletTarget(getNode: (name: string) => Promise<Node | undefined>, pki: KubeletClientTLS,
  address: (node: Node) => KubeletAddress = kubeletAddressOf): KubeletTarget {
  const tls: TLSOptions = { ca: pki.ca, cert: pki.cert, key: pki.key, rejectUnauthorized: pki.ca !== undefined };
  return async (nodeName) => {
    const node = await getNode(nodeName);
    if (!node) throw notFound({ group: '', resource: 'nodes' }, nodeName);
    return { base: kubeletBase(address(node)), tls };
  };
}
