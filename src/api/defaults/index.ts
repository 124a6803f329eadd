/**
 * Defaulting for the kinds k8ts serves. The server calls `setDefaults` on a fresh copy of every
 * object it creates or updates, before validation (Kubernetes runs its defaulters while
 * decoding the request body). Admission-time defaults are exported separately.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { Namespace, Node, Pod, Secret } from 'kubernetes-types/core/v1.d.ts';
import { defaultPod } from './pod.ts';
import { defaultDeployment } from './deployment.ts';
import { defaultReplicaSet } from './replica-set.ts';
import { defaultNamespace } from './namespace.ts';
import { defaultSecret } from './secret.ts';
import { defaultNode } from './node.ts';

export { addDefaultTolerations, addDefaultPriority } from './admission.ts';
export { defaultPodSpec, defaultPodTemplate } from './pod-spec.ts';

const DEFAULTERS: Record<string, (obj: never) => void> = {
  'v1/Pod': defaultPod,
  'v1/Namespace': defaultNamespace,
  'v1/Secret': defaultSecret,
  'v1/Node': defaultNode,
  'apps/v1/Deployment': defaultDeployment,
  'apps/v1/ReplicaSet': defaultReplicaSet,
};

/** Fills Kubernetes' defaults into obj in place. Kinds without defaults are left alone. */
export function setDefaults(apiVersion: string, kind: string, obj: object): void {
  const f = DEFAULTERS[`${apiVersion}/${kind}`] as ((o: object) => void) | undefined;
  f?.(obj);
}

export type Defaultable = Pod | Deployment | ReplicaSet | Namespace | Secret | Node;
