/**
 * Namespaces (k8s.io/kubernetes/pkg/registry/core/namespace): phase Active on create;
 * deletion marks them Terminating while `spec.finalizers` (the namespace controller's
 * "kubernetes") or metadata finalizers remain; the `finalize` subresource edits spec.finalizers.
 */
import type { Namespace } from 'kubernetes-types/core/v1.d.ts';
import type { KObject } from '../../../api/meta.ts';
import { resourceFor } from '../../../api/resources.ts';
import { defaultStrategy } from '../default-strategy.ts';

export const namespaceStrategy = defaultStrategy(resourceFor('', 'v1', 'namespaces')!, {
  prepareForCreate(obj: KObject) {
    (obj as Namespace).status = { phase: 'Active' };
  },
  prepareForUpdate(obj: KObject, old: KObject) {
    // spec.finalizers change only through /finalize.
    (obj as Namespace).spec = (old as Namespace).spec;
    (obj as Namespace).status = (old as Namespace).status;
  },
});

namespaceStrategy.holdsDeletion = (obj: KObject) => ((obj as Namespace).spec?.finalizers?.length ?? 0) > 0;
namespaceStrategy.prepareForDelete = (obj: KObject) => { (obj as Namespace).status = { ...(obj as Namespace).status, phase: 'Terminating' }; };
