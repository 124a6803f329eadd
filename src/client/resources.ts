/** References to the resources k8ts serves, for `client.resource<T>(…)`. */
import type { ResourceRef } from './transport.ts';

const core = (plural: string): ResourceRef => ({ group: '', version: 'v1', plural });
const apps = (plural: string): ResourceRef => ({ group: 'apps', version: 'v1', plural });

export const NAMESPACES = core('namespaces');
export const PODS = core('pods');
export const NODES = core('nodes');
export const EVENTS = core('events');
export const CONFIGMAPS = core('configmaps');
export const SECRETS = core('secrets');
export const DEPLOYMENTS = apps('deployments');
export const REPLICASETS = apps('replicasets');
export const LEASES: ResourceRef = { group: 'coordination.k8s.io', version: 'v1', plural: 'leases' };
/** Where kubelets keep their node leases (one per node, named after it). */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

export const refString = (r: ResourceRef) => (r.group ? `${r.plural}.${r.version}.${r.group}` : `${r.plural}.${r.version}`);
