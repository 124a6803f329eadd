/**
 * The `paths` of one group-version's OpenAPI v3 document: the REST operations of each served resource,
 * tagged with `x-kubernetes-action` and `x-kubernetes-group-version-kind` the way kube-apiserver's
 * endpoint installer tags them (k8s.io/apiserver pkg/endpoints/installer.go).
 *
 * kubectl reads two things here (docs/kubectl-contract.md §7.1): a `patch` operation whose GVK matches and
 * that lists the `fieldValidation` query parameter (then it leaves validation to the server), and the
 * patch content types. Strategic merge patch is left out on purpose: when it is listed, kubectl 1.29+
 * computes apply/edit patches from these schemas, which carry no patch-merge keys; without it kubectl
 * uses its compiled-in types.
 */
import type { ResourceInfo } from '../../src/api/resources.ts';

export interface GVK { group: string; version: string; kind: string }
export type Ref = (definition: string) => unknown;

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];
const RESPONSE_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

const query = (name: string, description: string, type = 'string') =>
  ({ name, in: 'query', description, schema: { type }, uniqueItems: true });
const pathParam = (name: string, description: string) =>
  ({ name, in: 'path', required: true, description, schema: { type: 'string' }, uniqueItems: true });

const P = {
  pretty: query('pretty', "If 'true', the output is pretty printed."),
  dryRun: query('dryRun', 'When present, the change is validated and defaulted but not persisted. The only valid value is "All".'),
  fieldManager: query('fieldManager', 'The name of the actor making the change, recorded in managedFields.'),
  fieldValidation: query('fieldValidation',
    'How the server treats fields it does not know and duplicate fields: Ignore drops them, Warn drops them and adds a Warning header per field, Strict rejects the request.'),
  force: query('force', 'Apply requests only: take ownership of fields another manager owns instead of failing with a conflict.', 'boolean'),
  labelSelector: query('labelSelector', 'Restricts the list to objects whose labels match this selector.'),
  fieldSelector: query('fieldSelector', 'Restricts the list to objects whose fields match this selector.'),
  limit: query('limit', 'The most items to return in one response; a continue token gives the rest.', 'integer'),
  continue: query('continue', 'The token a previous limited list returned, to fetch the next chunk.'),
  resourceVersion: query('resourceVersion', 'Which version of the collection to read or start watching from.'),
  watch: query('watch', 'Stream add, update and delete events instead of returning a list.', 'boolean'),
  timeoutSeconds: query('timeoutSeconds', 'How long a list or watch call may last.', 'integer'),
  gracePeriodSeconds: query('gracePeriodSeconds', 'Seconds to wait before the object is deleted; zero means at once.', 'integer'),
  propagationPolicy: query('propagationPolicy', 'Whether and how dependents are garbage collected: Orphan, Background or Foreground.'),
  name: pathParam('name', 'name of the object'),
  namespace: pathParam('namespace', 'object name and auth scope, such as for teams and projects'),
};

/** CamelCase group for operation ids: '' → Core, 'coordination.k8s.io' → Coordination. */
function groupWord(group: string): string {
  const g = group.split('.')[0] || 'core';
  return g[0].toUpperCase() + g.slice(1);
}

export function groupTag(group: string, version: string): string {
  return `${(group.split('.')[0] || 'core')}_${version}`;
}

function content(types: string[], schema: unknown): Record<string, { schema: unknown }> {
  return Object.fromEntries(types.map((t) => [t, { schema }]));
}

interface OpSpec { verb: string; action: string; id: string; gvk: GVK; body?: string; reply: string; params: object[]; desc: string }

function operation(o: OpSpec, tag: string, ref: Ref): object {
  const op: Record<string, unknown> = { tags: [tag], description: o.desc, operationId: o.id, parameters: o.params };
  if (o.body) {
    op.requestBody = {
      content: o.verb === 'patch' ? content(PATCH_TYPES, ref(`${META}.Patch`)) : content(['*/*'], ref(o.body)),
      required: true,
    };
  }
  const ok = { description: 'OK', content: content(RESPONSE_TYPES, ref(o.reply)) };
  op.responses = o.verb === 'post' ? { '200': ok, '201': { ...ok, description: 'Created' }, '202': { ...ok, description: 'Accepted' }, '401': { description: 'Unauthorized' } }
    : { '200': ok, '401': { description: 'Unauthorized' } };
  op['x-kubernetes-action'] = o.action;
  op['x-kubernetes-group-version-kind'] = o.gvk;
  return op;
}

/** Builds the paths for the resources of one group-version; `definition(gvk)` names a kind's schema. */
export function resourcePaths(resources: ResourceInfo[], definition: (g: GVK) => string, ref: Ref): Record<string, object> {
  const paths: Record<string, object> = {};
  for (const r of resources) {
    const root = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
    const scope = r.namespaced ? 'Namespaced' : '';
    const base = `${groupWord(r.group)}${r.version[0].toUpperCase()}${r.version.slice(1)}${scope}`;
    const gvk: GVK = { group: r.group, version: r.version, kind: r.kind };
    const kindDef = definition(gvk);
    const listDef = definition({ ...gvk, kind: r.listKind });
    const status = `${META}.Status`;
    const tag = groupTag(r.group, r.version);
    const coll = `${root}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}`;
    const scopeParams = r.namespaced ? [P.namespace, P.pretty] : [P.pretty];
    const has = (v: string) => r.verbs.includes(v);
    const write = [P.dryRun, P.fieldManager, P.fieldValidation];
    const listParams = [P.labelSelector, P.fieldSelector, P.limit, P.continue, P.resourceVersion, P.timeoutSeconds, P.watch];
    const collection: Record<string, unknown> = { parameters: scopeParams };
    if (has('list')) collection.get = operation({ verb: 'get', action: 'list', id: `list${base}${r.kind}`, gvk, reply: listDef, params: listParams, desc: `list or watch objects of kind ${r.kind}` }, tag, ref);
    if (has('create')) collection.post = operation({ verb: 'post', action: 'post', id: `create${base}${r.kind}`, gvk, body: kindDef, reply: kindDef, params: write, desc: `create a ${r.kind}` }, tag, ref);
    if (has('deletecollection')) collection.delete = operation({ verb: 'delete', action: 'deletecollection', id: `deletecollection${base}${r.kind}`, gvk, body: `${META}.DeleteOptions`, reply: status, params: [...listParams.slice(0, 6), P.dryRun, P.gracePeriodSeconds, P.propagationPolicy], desc: `delete collection of ${r.kind}` }, tag, ref);
    paths[coll] = collection;
    if (r.namespaced && has('list')) {
      paths[`${root}/${r.plural}`] = { parameters: [P.pretty], get: operation({ verb: 'get', action: 'list', id: `list${base.replace('Namespaced', '')}${r.kind}ForAllNamespaces`, gvk, reply: listDef, params: listParams, desc: `list or watch objects of kind ${r.kind}` }, tag, ref) };
    }
    paths[`${coll}/{name}`] = itemOps(r, `${base}${r.kind}`, gvk, kindDef, [P.name, ...scopeParams], tag, ref, has);
    for (const sub of r.subresources) {
      if (sub.name !== 'status' && sub.name !== 'scale') continue;
      const subGVK: GVK = sub.name === 'scale' ? { group: sub.group ?? r.group, version: sub.version ?? r.version, kind: sub.kind } : gvk;
      const subDef = definition(subGVK);
      const word = sub.name[0].toUpperCase() + sub.name.slice(1);
      paths[`${coll}/{name}/${sub.name}`] = itemOps({ ...r, kind: r.kind, verbs: sub.verbs }, `${base}${r.kind}${word}`, subGVK, subDef, [P.name, ...scopeParams], tag, ref,
        (v) => sub.verbs.includes(v), sub.name);
    }
  }
  return paths;
}

function itemOps(r: ResourceInfo, id: string, gvk: GVK, def: string, params: object[], tag: string, ref: Ref,
  has: (v: string) => boolean, sub?: string): object {
  const what = sub ? `${sub} of the specified ${r.kind}` : `the specified ${r.kind}`;
  const item: Record<string, unknown> = { parameters: params };
  const write = [P.dryRun, P.fieldManager, P.fieldValidation];
  if (has('get')) item.get = operation({ verb: 'get', action: 'get', id: `read${id}`, gvk, reply: def, params: [], desc: `read ${what}` }, tag, ref);
  if (has('update')) item.put = operation({ verb: 'put', action: 'put', id: `replace${id}`, gvk, body: def, reply: def, params: write, desc: `replace ${what}` }, tag, ref);
  if (has('patch')) item.patch = operation({ verb: 'patch', action: 'patch', id: `patch${id}`, gvk, body: def, reply: def, params: [...write, P.force], desc: `partially update ${what}` }, tag, ref);
  if (has('delete') && !sub) item.delete = operation({ verb: 'delete', action: 'delete', id: `delete${id}`, gvk, body: `${META}.DeleteOptions`, reply: def, params: [P.dryRun, P.gracePeriodSeconds, P.propagationPolicy], desc: `delete ${what}` }, tag, ref);
  return item;
}
