/**
 * Validation for the kinds k8ts serves. The server calls `validate` after `setDefaults` on every
 * create and update (with `old` on update) and turns the errors into a 422 with `invalid()`.
 * One file per kind; shared pieces: names.ts (string formats), meta.ts (ObjectMeta),
 * pod-spec.ts (pods and pod templates).
 */
import type { FieldError } from '../errors.ts';
import { validatePod, validatePodUpdate } from './pod.ts';
import { validateDeployment, validateDeploymentUpdate } from './deployment.ts';
import { validateReplicaSet, validateReplicaSetUpdate } from './replica-set.ts';
import { validateNamespace, validateNamespaceUpdate } from './namespace.ts';
import { validateConfigMap, validateConfigMapUpdate } from './config-map.ts';
import { validateSecret, validateSecretUpdate } from './secret.ts';
import { validateEvent, validateEventUpdate } from './event.ts';
import { validateLease, validateLeaseUpdate } from './lease.ts';
import { validateNode, validateNodeUpdate } from './node.ts';
import { validateStatus } from './status.ts';

export { validatePodSpec, validatePodTemplate } from './pod-spec.ts';
export { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
export * as names from './names.ts';

interface Validators {
  create: (obj: never) => FieldError[];
  update: (obj: never, old: never) => FieldError[];
}

const VALIDATORS: Record<string, Validators> = {
  'v1/Pod': { create: validatePod, update: validatePodUpdate },
  'v1/Namespace': { create: validateNamespace, update: validateNamespaceUpdate },
  'v1/ConfigMap': { create: validateConfigMap, update: validateConfigMapUpdate },
  'v1/Secret': { create: validateSecret, update: validateSecretUpdate },
  'v1/Event': { create: validateEvent, update: validateEventUpdate },
  'v1/Node': { create: validateNode, update: validateNodeUpdate },
  'apps/v1/Deployment': { create: validateDeployment, update: validateDeploymentUpdate },
  'apps/v1/ReplicaSet': { create: validateReplicaSet, update: validateReplicaSetUpdate },
  'coordination.k8s.io/v1/Lease': { create: validateLease, update: validateLeaseUpdate },
};

/** Field errors for a create (no `old`) or an update; [] when valid or the kind is unknown. */
export function validate(apiVersion: string, kind: string, obj: object, old?: object): FieldError[] {
  const v = VALIDATORS[`${apiVersion}/${kind}`] as { create: (o: object) => FieldError[]; update: (o: object, p: object) => FieldError[] } | undefined;
  if (!v) return [];
  return old ? v.update(obj, old) : v.create(obj);
}

/** For PUT/PATCH on the status subresource: metadata rules, condition types, apps counters. */
export function validateStatusUpdate(apiVersion: string, kind: string, obj: object, old: object): FieldError[] {
  if (!VALIDATORS[`${apiVersion}/${kind}`]) return [];
  return validateStatus(kind, obj, old);
}
