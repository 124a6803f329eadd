/**
 * Namespace defaults: status.phase Active (SetDefaults_NamespaceStatus), the
 * kubernetes.io/metadata.name label (SetDefaults_Namespace), and spec.finalizers
 * ["kubernetes"], which Kubernetes sets in the namespace strategy's PrepareForCreate.
 * setDefaults cannot tell create from update, so it only fills finalizers when absent; the
 * update strategy must keep the old spec.finalizers (only the finalize subresource changes them).
 */
import type { Namespace } from 'kubernetes-types/core/v1.d.ts';

export const LABEL_METADATA_NAME = 'kubernetes.io/metadata.name';

export function defaultNamespace(ns: Namespace): void {
  ns.status ??= {};
  ns.status.phase ||= 'Active';
  const name = ns.metadata?.name;
  if (name) {
    ns.metadata!.labels ??= {};
    ns.metadata!.labels[LABEL_METADATA_NAME] = name;
  }
  ns.spec ??= {};
  ns.spec.finalizers ??= ['kubernetes'];
}
