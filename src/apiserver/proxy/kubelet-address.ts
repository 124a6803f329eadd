/**
 * Where a node's kubelet listens, read from its Node object: the InternalIP address and
 * `status.daemonEndpoints.kubeletEndpoint.Port` (10250 when unset), as the API server's node
 * connection info does (pkg/registry/core/node/strategy.go, kubelet client config).
 */
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import { StatusError } from '../../api/errors.ts';

export const DEFAULT_KUBELET_PORT = 10250;

export interface KubeletAddress { host: string; port: number }

export function kubeletAddressOf(node: Node): KubeletAddress {
  const addrs = node.status?.addresses ?? [];
  const host = (addrs.find((a) => a.type === 'InternalIP') ?? addrs.find((a) => a.type === 'ExternalIP') ?? addrs.find((a) => a.type === 'Hostname'))?.address;
  if (!host) {
    throw new StatusError({ code: 500, reason: 'InternalError', message: `Internal error occurred: no preferred addresses found; known addresses: []` });
  }
  const port = node.status?.daemonEndpoints?.kubeletEndpoint?.Port;
  return { host, port: port && port > 0 ? port : DEFAULT_KUBELET_PORT };
}

/** `https://host:port` with IPv6 hosts in brackets. */
export function kubeletBase(a: KubeletAddress): string {
  return `https://${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}`;
}
