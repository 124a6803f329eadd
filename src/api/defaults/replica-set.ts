/** ReplicaSet defaults, as SetDefaults_ReplicaSet in pkg/apis/apps/v1/defaults.go. */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import { defaultPodTemplate } from './pod-spec.ts';

export function defaultReplicaSet(rs: ReplicaSet): void {
  rs.spec ??= { selector: {} };
  rs.spec.replicas ??= 1;
  defaultPodTemplate(rs.spec.template);
}
