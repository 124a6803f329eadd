/**
 * PodSpec defaults shared by pods and pod templates (SetDefaults_PodSpec and the per-field
 * defaulters generated for it). Pod-only defaults live in pod.ts.
 */
import type { PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import { defaultContainer } from './container.ts';
import { defaultVolume } from './volume.ts';
import { defaultResourceList } from './resources.ts';

export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c);
  for (const v of spec.volumes ?? []) defaultVolume(v);
  defaultResourceList(spec.overhead as Record<string, unknown> | undefined);
  if (spec.hostNetwork) {
    // With the host's network a container port is a host port (defaultHostNetworkPorts).
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      for (const p of c.ports ?? []) p.hostPort ??= p.containerPort;
    }
  }
}

export function defaultPodTemplate(template: PodTemplateSpec | undefined): void {
  if (!template) return;
  template.spec ??= { containers: [] };
  defaultPodSpec(template.spec);
}
