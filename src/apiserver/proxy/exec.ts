/**
 * pods/exec, pods/attach, pods/portforward: the container and node checks of
 * pkg/registry/core/pod/strategy.go (streamLocation, PortForwardLocation), then the upgrade goes to the node's
 * kubelet (`/exec|/attach/{ns}/{pod}/{container}`, `/portForward/{ns}/{pod}`) with the
 * request's query minus `container`.
 */
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { badRequest } from '../../api/errors.ts';
import type { StreamRequest } from '../http/streams.ts';
import { pickContainer } from './container.ts';
import type { KubeletTarget } from './target.ts';
import { proxyUpgrade } from './upgrade.ts';

export type UpgradeKind = 'exec' | 'attach' | 'portforward';

export function kubeletUpgradeHandler(kind: UpgradeKind, target: KubeletTarget) {
  return async (r: StreamRequest): Promise<void> => {
    if (!r.socket) throw badRequest('Upgrade request required');
    const pod = r.pod as Pod;
    const name = pod.metadata?.name ?? '';
    const ns = pod.metadata?.namespace ?? '';
    const seg = [encodeURIComponent(ns), encodeURIComponent(name)];
    if (kind !== 'portforward') {
      seg.push(encodeURIComponent(pickContainer(pod, r.query.get('container'))));
    }
    if (!pod.spec?.nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
    const { base, tls } = await target(pod.spec.nodeName);
    const url = new URL(`/${kind === 'portforward' ? 'portForward' : kind}/${seg.join('/')}`, base);
    const q = new URLSearchParams(r.query);
    q.delete('container');
    url.search = q.toString();
    await proxyUpgrade(r.req, r.socket, r.head ?? Buffer.alloc(0), url, tls);
  };
}
