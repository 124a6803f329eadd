/**
 * Deployments and ReplicaSets (k8s.io/kubernetes/pkg/registry/apps/{deployment,replicaset}/
 * strategy.go): generation starts at 1 and moves on every spec change; status only through
 * /status. A deployment's rollback annotation is not served (apps/v1 has none).
 */
import { resourceFor } from '../../../api/resources.ts';
import { defaultStrategy } from '../default-strategy.ts';

export const deploymentStrategy = defaultStrategy(resourceFor('apps', 'v1', 'deployments')!, { generation: true });
export const replicaSetStrategy = defaultStrategy(resourceFor('apps', 'v1', 'replicasets')!, { generation: true });
