/** How the API server reaches a node's kubelet: a base URL and the TLS client options. */
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { badRequest, notFound } from '../../api/errors.ts';
import { isSimulated, SIMULATED_SELECTOR } from '../../sim/labels.ts';
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
    refuseSimulated(node);
    return { base: kubeletBase(address(node)), tls };
  };
}

/**
 * A simulated node has no kubelet and its pods no containers: the address it reports is not
 * served, and dialing it would fail late and say nothing useful (a timeout, or whatever else
 * answers there). The refusal says why instead.
 */
export function refuseSimulated(node: Node): void {
  if (!isSimulated(node)) return;
  throw badRequest(`node "${node.metadata?.name}" is a simulated node (${SIMULATED_SELECTOR}): its pods run no containers, `
    + 'so there are no logs, exec, attach, port-forward or pod proxy to give; run the pod on a real node');
}
