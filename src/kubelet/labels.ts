/**
 * Labels and annotations the kubelet puts on CRI sandboxes and containers, with the names the
 * real kubelet uses (pkg/kubelet/kuberuntime/labels.go, pkg/kubelet/types/labels.go), so that
 * after a restart it finds its pods again by label and knows each container's restart count
 * and spec hash without any other state.
 */
export const POD_NAME_LABEL = 'io.kubernetes.pod.name';
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
export const POD_UID_LABEL = 'io.kubernetes.pod.uid';
export const CONTAINER_NAME_LABEL = 'io.kubernetes.container.name';
/** Marks what k8ts' kubelet created (the real kubelet: io.kubernetes.container.managed-by… is not a label it sets; ours). */
export const MANAGED_LABEL = 'io.k8ts.kubelet.managed';

export const CONTAINER_HASH_ANNOTATION = 'io.kubernetes.container.hash';
export const RESTART_COUNT_ANNOTATION = 'io.kubernetes.container.restartCount';
export const TERMINATION_GRACE_ANNOTATION = 'io.kubernetes.pod.terminationGracePeriod';
/** 'init' | 'regular' | 'ephemeral': which list of the pod spec the container came from. */
export const CONTAINER_TYPE_ANNOTATION = 'io.k8ts.container.type';
/** The image as the pod spec names it (CRI reports the resolved reference). */
export const CONTAINER_IMAGE_ANNOTATION = 'io.k8ts.container.image';

export const KUBELET_COMPONENT = 'kubelet';
export const KUBELET_VERSION = 'v1.33.0-k8ts';
export const CONTAINER_ID_SCHEME = 'containerd://';
