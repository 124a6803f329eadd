/** Deployment defaults, as SetDefaults_Deployment in pkg/apis/apps/v1/defaults.go. */
import type { Deployment } from 'kubernetes-types/apps/v1.d.ts';
import { defaultPodTemplate } from './pod-spec.ts';

export function defaultDeployment(d: Deployment): void {
  d.spec ??= { selector: {}, template: {} };
  const spec = d.spec;
  spec.replicas ??= 1;
  spec.strategy ??= {};
  spec.strategy.type ||= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplate(spec.template);
}
