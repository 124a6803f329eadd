/** Leases (coordination.k8s.io/v1): plain objects that nodes and leaders renew. */
import { resourceFor } from '../../../api/resources.ts';
import { defaultStrategy } from '../default-strategy.ts';

export const leaseStrategy = defaultStrategy(resourceFor('coordination.k8s.io', 'v1', 'leases')!);
