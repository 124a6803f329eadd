/**
 * Deployment actions as the patches kubectl sends for them (kubectl scale / rollout restart /
 * set image / rollout pause|resume / rollout undo), built by pure functions and sent here.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.d.ts';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import { request } from './api.ts';

export interface Patch { type: string; body: unknown }
const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';

export const scalePatch = (replicas: number): Patch => ({ type: MERGE, body: { spec: { replicas } } });
/** `kubectl rollout restart`: a new template annotation makes a new ReplicaSet. */
export const restartPatch = (now: Date): Patch => ({ type: MERGE, body: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now.toISOString() } } } } } });
export const pausePatch = (paused: boolean): Patch => ({ type: MERGE, body: { spec: { paused } } });

/** `kubectl set image`: the named container's image, tested by name so a reordered list is refused, not misapplied. */
export function imagePatch(d: Deployment, container: string, image: string): Patch {
  const i = (d.spec?.template.spec?.containers ?? []).findIndex((c) => c.name === container);
  if (i < 0) throw new Error(`no container "${container}" in deployment ${d.metadata?.name}`);
  return { type: JSON_PATCH, body: [
    { op: 'test', path: `/spec/template/spec/containers/${i}/name`, value: container },
    { op: 'replace', path: `/spec/template/spec/containers/${i}/image`, value: image },
  ] };
}

/** `kubectl rollout undo --to-revision`: the revision's pod template, without the hash label the controller adds. */
export function rollbackPatch(rs: ReplicaSet): Patch {
  const tmpl = structuredClone(rs.spec?.template ?? {}) as PodTemplateSpec;
  if (tmpl.metadata?.labels) delete tmpl.metadata.labels['pod-template-hash'];
  return { type: JSON_PATCH, body: [{ op: 'replace', path: '/spec/template', value: tmpl }] };
}

export const deploymentPath = (ns: string, name: string) => `/apis/apps/v1/namespaces/${encodeURIComponent(ns)}/deployments/${encodeURIComponent(name)}`;

export const send = (path: string, p: Patch) => request('PATCH', path, { body: p.body, contentType: p.type });
