/**
 * Pods (k8s.io/kubernetes/pkg/registry/core/pod/strategy.go): a new pod starts Pending with
 * its QoS class; spec is mostly immutable (validation says which fields may change);
 * deletion is graceful once the pod is on a node and not finished, so its kubelet can stop
 * the containers and then delete with grace 0.
 */
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import type { KObject } from '../../../api/meta.ts';
import { resourceFor } from '../../../api/resources.ts';
import { defaultStrategy } from '../default-strategy.ts';
import { qosClass } from './qos.ts';

export const podStrategy = defaultStrategy(resourceFor('', 'v1', 'pods')!, {
  prepareForCreate(obj: KObject) {
    obj.status = { phase: 'Pending', qosClass: qosClass(obj as Pod) };
  },
  gracePeriod(obj: KObject, requested: number | undefined) {
    const pod = obj as Pod;
    // Unscheduled or finished pods have nothing to stop: they go at once (CheckGracefulDelete).
    if (!pod.spec?.nodeName) return 0;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 0;
    return requested ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  },
});
