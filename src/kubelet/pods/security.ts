/**
 * The basic securityContext fields into the CRI's Linux security context
 * (pkg/kubelet/kuberuntime/security_context.go): user and group (container over pod), privileged,
 * read-only root, capabilities, no_new_privs, supplemental groups, and the namespaces the
 * container shares (pod network and IPC; the pod's PID namespace only with
 * shareProcessNamespace; the node's with hostNetwork/hostPID/hostIPC).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { In, LinuxContainerSecurityContext, NamespaceOption } from '../cri/types.ts';

export function namespaceOptions(pod: DeepReadonly<Pod>): In<NamespaceOption> {
  const s = pod.spec ?? {} as NonNullable<Pod['spec']>;
  return {
    network: s.hostNetwork ? 'NODE' : 'POD',
    pid: s.hostPID ? 'NODE' : s.shareProcessNamespace ? 'POD' : 'CONTAINER',
    ipc: s.hostIPC ? 'NODE' : 'POD',
  };
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
    supplementalGroups: [...(ps.supplementalGroups ?? [])],
  };
  if (user !== undefined) sc.runAsUser = { value: user };
  if (group !== undefined) sc.runAsGroup = { value: group };
  if (cs.capabilities) sc.capabilities = { addCapabilities: [...(cs.capabilities.add ?? [])], dropCapabilities: [...(cs.capabilities.drop ?? [])] };
  return sc;
}
