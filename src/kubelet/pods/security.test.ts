import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod, PodSpec } from 'kubernetes-types/core/v1.d.ts';
import { containerSecurity, sandboxSecurity, verifyRunAsNonRoot } from './security.ts';

const podOf = (spec: Partial<PodSpec>, c: Container = { name: 'c' }): Pod =>
  ({ metadata: { name: 'p', namespace: 'ns', uid: 'u1' }, spec: { containers: [c], ...spec } });

for (const c of [
  { name: 'defaults', spec: {}, ctr: {}, want: { privileged: false, readonlyRootfs: false, noNewPrivs: false, supplementalGroups: [], seccomp: { profileType: 'Unconfined' },
    namespaceOptions: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' } } },
  { name: 'pod user and group, container overrides user', spec: { securityContext: { runAsUser: 1, runAsGroup: 2 } }, ctr: { runAsUser: 5 },
    want: { runAsUser: { value: 5 }, runAsGroup: { value: 2 } } },
  { name: 'fsGroup joins the supplemental groups', spec: { securityContext: { supplementalGroups: [4000], fsGroup: 2000 } }, ctr: {}, want: { supplementalGroups: [4000, 2000] } },
  { name: 'read-only root, privileged, no_new_privs', spec: {}, ctr: { readOnlyRootFilesystem: true, privileged: true, allowPrivilegeEscalation: false },
    want: { readonlyRootfs: true, privileged: true, noNewPrivs: true } },
  { name: 'capabilities', spec: {}, ctr: { capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] } }, want: { capabilities: { addCapabilities: ['NET_ADMIN'], dropCapabilities: ['ALL'] } } },
  { name: 'pod seccomp RuntimeDefault', spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }, ctr: {}, want: { seccomp: { profileType: 'RuntimeDefault' } } },
  { name: 'container seccomp Localhost wins', spec: { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }, ctr: { seccompProfile: { type: 'Localhost', localhostProfile: 'my.json' } },
    want: { seccomp: { profileType: 'Localhost', localhostRef: '/var/lib/kubelet/seccomp/my.json' } } },
  { name: 'shareProcessNamespace', spec: { shareProcessNamespace: true }, ctr: {}, want: { namespaceOptions: { network: 'POD', pid: 'POD', ipc: 'POD' } } },
  { name: 'host namespaces', spec: { hostNetwork: true, hostPID: true, hostIPC: true }, ctr: {}, want: { namespaceOptions: { network: 'NODE', pid: 'NODE', ipc: 'NODE' } } },
] as { name: string; spec: Partial<PodSpec>; ctr: Container['securityContext']; want: Record<string, unknown> }[]) {
  test(`containerSecurity: ${c.name}`, () => {
    const ctr = { name: 'c', securityContext: c.ctr };
    const got = containerSecurity(podOf(c.spec, ctr), ctr) as Record<string, unknown>;
    for (const [k, v] of Object.entries(c.want)) assert.deepEqual(got[k], v, k);
  });
}

test('sandboxSecurity: privileged when a container is; pod user, groups, seccomp', () => {
  const p = podOf({ securityContext: { runAsUser: 7, fsGroup: 9, seccompProfile: { type: 'RuntimeDefault' } }, hostNetwork: true },
    { name: 'c', securityContext: { privileged: true } });
  assert.deepEqual(sandboxSecurity(p), {
    namespaceOptions: { network: 'NODE', pid: 'CONTAINER', ipc: 'POD' }, runAsUser: { value: 7 }, supplementalGroups: [9],
    privileged: true, seccomp: { profileType: 'RuntimeDefault' },
  });
  assert.equal(sandboxSecurity(podOf({})).privileged, false);
});

const where = '(pod: "p_ns(u1)", container: c)';
for (const c of [
  { name: 'not asked', pod: {}, ctr: {}, image: { uid: 0 }, want: undefined },
  { name: 'root image', pod: { runAsNonRoot: true }, ctr: {}, image: { uid: 0 }, want: `container has runAsNonRoot and image will run as root ${where}` },
  { name: 'image without user is root', pod: {}, ctr: { runAsNonRoot: true }, image: {}, want: `container has runAsNonRoot and image will run as root ${where}` },
  { name: 'non-root image', pod: { runAsNonRoot: true }, ctr: {}, image: { uid: 1000 }, want: undefined },
  { name: 'named user', pod: { runAsNonRoot: true }, ctr: {}, image: { username: 'nginx' },
    want: `container has runAsNonRoot and image has non-numeric user (nginx), cannot verify user is non-root ${where}` },
  { name: 'runAsUser set: image not consulted', pod: { runAsNonRoot: true, runAsUser: 1000 }, ctr: {}, image: { uid: 0 }, want: undefined },
  { name: 'runAsUser 0', pod: { runAsNonRoot: true }, ctr: { runAsUser: 0 }, image: { uid: 1000 }, want: `container's runAsUser breaks non-root policy ${where}` },
  { name: 'container false overrides pod true', pod: { runAsNonRoot: true }, ctr: { runAsNonRoot: false }, image: { uid: 0 }, want: undefined },
] as { name: string; pod: PodSpec['securityContext']; ctr: Container['securityContext']; image: { uid?: number; username?: string }; want?: string }[]) {
  test(`verifyRunAsNonRoot: ${c.name}`, () => {
    const ctr = { name: 'c', securityContext: c.ctr };
    assert.equal(verifyRunAsNonRoot(podOf({ securityContext: c.pod }, ctr), ctr, c.image), c.want);
  });
}
