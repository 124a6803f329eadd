/**
 * Pod defaults: the PodSpec ones plus what SetDefaults_Pod adds for pods only (not templates):
 * requests copied from limits where missing, enableServiceLinks true.
 */
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { defaultPodSpec } from './pod-spec.ts';

export function defaultPod(pod: Pod): void {
  pod.spec ??= { containers: [] };
  const spec = pod.spec;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    const limits = c.resources?.limits;
    if (!c.resources || !limits || Object.keys(limits).length === 0) continue;
    const requests = (c.resources.requests ??= {});
    for (const [name, value] of Object.entries(limits)) if (!(name in requests)) requests[name] = value;
  }
  spec.enableServiceLinks ??= true;
  defaultPodSpec(spec);
}
