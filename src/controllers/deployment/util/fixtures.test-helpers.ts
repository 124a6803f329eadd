/** Builders for the pure tests: a deployment and ReplicaSets with just the fields the arithmetic reads. */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { MAX_REPLICAS_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, REVISION_ANNOTATION } from './constants.ts';

export function dep(replicas: number, surge: number | string = '25%', unavailable: number | string = '25%', type = 'RollingUpdate'): Deployment {
  return {
    metadata: { name: 'web', namespace: 'default', uid: 'd-uid', generation: 1 },
    spec: {
      replicas, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      strategy: type === 'RollingUpdate' ? { type, rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } } : { type },
    },
  };
}

export function rs(name: string, replicas: number, available = replicas, opts: { created?: number; max?: number; desired?: number; revision?: number } = {}): ReplicaSet {
  const annotations: Record<string, string> = {};
  if (opts.max !== undefined) annotations[MAX_REPLICAS_ANNOTATION] = String(opts.max);
  if (opts.desired !== undefined) annotations[DESIRED_REPLICAS_ANNOTATION] = String(opts.desired);
  if (opts.revision !== undefined) annotations[REVISION_ANNOTATION] = String(opts.revision);
  return {
    metadata: { name, uid: `${name}-uid`, creationTimestamp: new Date(Date.UTC(2025, 0, 1, 0, 0, opts.created ?? 0)).toISOString(), annotations },
    spec: { replicas, selector: { matchLabels: { app: 'web' } } },
    status: { replicas, availableReplicas: available },
  };
}
