/**
 * The basic securityContext fields into the CRI's Linux security context
 * (pkg/kubelet/kuberuntime/security_context.go): user and group (container over pod), privileged,
 * read-only root, capabilities, no_new_privs, supplemental groups, and the namespaces the
 * container shares (pod network and IPC; the pod's PID namespace only with
 * shareProcessNamespace; the node's with hostNetwork/hostPID/hostIPC), seccomp (container's profile over the pod's;
 * none is Unconfined, as the kubelet without SeccompDefault), fsGroup added to the supplemental groups
 * (security_context.go determineEffectiveSecurityContext), and the runAsNonRoot check against the image's user
 * (security_context_others.go verifyRunAsNonRoot).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { In, LinuxContainerSecurityContext, LinuxSandboxSecurityContext, NamespaceOption, SecurityProfile } from '../cri/types.ts';

/** Where Localhost seccomp profiles live (the kubelet's <root-dir>/seccomp). */
export const SECCOMP_ROOT = '/var/lib/kubelet/seccomp';

export function namespaceOptions(pod: DeepReadonly<Pod>): In<NamespaceOption> {
  const s = pod.spec ?? {} as NonNullable<Pod['spec']>;
  return {
    network: s.hostNetwork ? 'NODE' : 'POD',
    pid: s.hostPID ? 'NODE' : s.shareProcessNamespace ? 'POD' : 'CONTAINER',
    ipc: s.hostIPC ? 'NODE' : 'POD',
  };
}

type Profile = DeepReadonly<{ type: string; localhostProfile?: string }> | undefined;

export function seccompOf(p: Profile): In<SecurityProfile> {
  if (p?.type === 'RuntimeDefault') return { profileType: 'RuntimeDefault' };
  if (p?.type === 'Localhost') return { profileType: 'Localhost', localhostRef: `${SECCOMP_ROOT}/${p.localhostProfile ?? ''}` };
  return { profileType: 'Unconfined' };
}

const supplemental = (pod: DeepReadonly<Pod>) => {
  const ps = pod.spec?.securityContext ?? {};
  return [...(ps.supplementalGroups ?? []), ...(ps.fsGroup !== undefined ? [ps.fsGroup] : [])];
};

/** The sandbox's security context: privileged when any container is (containerd refuses them otherwise). */
export function sandboxSecurity(pod: DeepReadonly<Pod>): In<LinuxSandboxSecurityContext> {
  const ps = pod.spec?.securityContext;
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  return {
    namespaceOptions: namespaceOptions(pod),
    ...(ps?.runAsUser !== undefined ? { runAsUser: { value: ps.runAsUser } } : {}),
    ...(ps?.runAsGroup !== undefined ? { runAsGroup: { value: ps.runAsGroup } } : {}),
    supplementalGroups: supplemental(pod),
    privileged: all.some((c) => c.securityContext?.privileged),
    seccomp: seccompOf(ps?.seccompProfile),
  };
}

/** The image's user as CRI reports it: a uid, else a user name; neither means root. */
export interface ImageUser { uid?: number; username?: string }

const podRef = (pod: DeepReadonly<Pod>) => `${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`;

/** Why runAsNonRoot refuses this container, or undefined when it may run (messages as the kubelet's). */
export function verifyRunAsNonRoot(pod: DeepReadonly<Pod>, c: DeepReadonly<Container>, image: ImageUser): string | undefined {
  const ps = pod.spec?.securityContext ?? {}, cs = c.securityContext ?? {};
  if (!(cs.runAsNonRoot ?? ps.runAsNonRoot)) return undefined;
  const where = `(pod: "${podRef(pod)}", container: ${c.name})`;
  const user = cs.runAsUser ?? ps.runAsUser;
  if (user !== undefined) return user === 0 ? `container's runAsUser breaks non-root policy ${where}` : undefined;
  if (image.uid === undefined && image.username) return `container has runAsNonRoot and image has non-numeric user (${image.username}), cannot verify user is non-root ${where}`;
  if ((image.uid ?? 0) === 0) return `container has runAsNonRoot and image will run as root ${where}`;
  return undefined;
}

export function containerSecurity(pod: DeepReadonly<Pod>, c: DeepReadonly<Container>): In<LinuxContainerSecurityContext> {
  const ps = pod.spec?.securityContext ?? {};
  const cs = c.securityContext ?? {};
  const user = cs.runAsUser ?? ps.runAsUser;
  const group = cs.runAsGroup ?? ps.runAsGroup;
  const sc: In<LinuxContainerSecurityContext> = {
    privileged: !!cs.privileged,
    readonlyRootfs: !!cs.readOnlyRootFilesystem,
    namespaceOptions: namespaceOptions(pod),
    noNewPrivs: cs.allowPrivilegeEscalation === false,
    supplementalGroups: supplemental(pod),
    seccomp: seccompOf(cs.seccompProfile ?? ps.seccompProfile),
  };
  if (user !== undefined) sc.runAsUser = { value: user };
  if (group !== undefined) sc.runAsGroup = { value: group };
  if (cs.capabilities) sc.capabilities = { addCapabilities: [...(cs.capabilities.add ?? [])], dropCapabilities: [...(cs.capabilities.drop ?? [])] };
  return sc;
}
