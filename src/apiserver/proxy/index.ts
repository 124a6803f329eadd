/**
 * The API server's side of the node streaming subresources: pods/log, exec, attach and
 * portforward go to the pod's node's kubelet over HTTPS with the API server's kubelet-client
 * certificate; pods/proxy goes straight to the pod IP. Plug the result into
 * `startAPIServer({ streams })`.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { StreamHandlers } from '../http/streams.ts';
import { kubeletUpgradeHandler } from './exec.ts';
import type { KubeletAddress } from './kubelet-address.ts';
import { logHandler } from './log.ts';
import { podProxyHandler } from './pod-proxy.ts';
import { kubeletTarget, refuseSimulated, type KubeletClientTLS } from './target.ts';

export interface KubeletProxyOptions {
  getNode: (name: string) => Promise<Node | undefined>;
  /** The API server's kubelet-client certificate (ensureKubeletClientCert) and the CA to verify kubelets with. */
  pki: KubeletClientTLS;
  /** Where a node's kubelet listens (default: InternalIP and daemonEndpoints port); tests point it elsewhere. */
  kubeletAddress?: (node: Node) => KubeletAddress;
  /** Which pod IPs pods/proxy may reach (default: global unicast only, as Kubernetes). */
  podAddressAllowed?: (ip: string) => boolean;
}

export function kubeletProxyHandlers(opts: KubeletProxyOptions): StreamHandlers {
  const target = kubeletTarget(opts.getNode, opts.pki, opts.kubeletAddress);
  const proxy = podProxyHandler({ podAddressAllowed: opts.podAddressAllowed });
  return {
    log: logHandler(target),
    exec: kubeletUpgradeHandler('exec', target),
    attach: kubeletUpgradeHandler('attach', target),
    portforward: kubeletUpgradeHandler('portforward', target),
    // pods/proxy dials the pod IP, not the kubelet: a simulated node's pod IPs are not served either.
    proxy: async (r) => {
      const nodeName = (r.pod as Pod | undefined)?.spec?.nodeName;
      const node = nodeName ? await opts.getNode(nodeName) : undefined;
      if (node) refuseSimulated(node);
      return proxy(r);
    },
  };
}

export { proxyUpgrade } from './upgrade.ts';
export { kubeletAddressOf, DEFAULT_KUBELET_PORT, type KubeletAddress } from './kubelet-address.ts';
export type { KubeletClientTLS, TLSOptions } from './target.ts';
