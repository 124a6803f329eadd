/**
 * The container spec hash stored on each CRI container, so a changed spec (a new image on
 * `kubectl set image`) is seen as "restart this container" (pkg/kubelet/container/helpers.go
 * HashContainer). Resources are left out, as Kubernetes does since in-place resize.
 */
import { createHash } from 'node:crypto';
import type { Container } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';

function stable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stable);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, stable((v as Record<string, unknown>)[k])]));
  }
  return v;
}

export function containerHash(c: DeepReadonly<Container>): string {
  const { resources: _r, ...rest } = c as Container;
  return createHash('sha256').update(JSON.stringify(stable(rest))).digest('hex').slice(0, 8);
}

/** The back-off key of a container: pod uid, name and spec hash (kuberuntime getStableKey). */
export const backoffKey = (uid: string, name: string, hash: string) => `${uid}/${name}/${hash}`;
/** The back-off key of an image pull in a pod. */
export const imageBackoffKey = (uid: string, image: string) => `${uid}/image/${image}`;
