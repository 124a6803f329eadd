/** Every resource's strategy; the API server builds one registry per entry. */
import type { Strategy } from './strategy.ts';
import { podStrategy } from './core/pods.ts';
import { namespaceStrategy } from './core/namespaces.ts';
import { configMapStrategy, eventStrategy, nodeStrategy, secretStrategy } from './core/simple.ts';
import { deploymentStrategy, replicaSetStrategy } from './apps/workloads.ts';
import { leaseStrategy } from './coordination/leases.ts';

export const STRATEGIES: Strategy[] = [
  namespaceStrategy, podStrategy, nodeStrategy, eventStrategy, configMapStrategy, secretStrategy,
  deploymentStrategy, replicaSetStrategy, leaseStrategy,
];
