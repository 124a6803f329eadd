/**
 * Bad input: a few thousand malformed paths, query strings and bodies each get a 4xx
 * `Status`, never a 5xx, a hang or a crash. Inputs come from a seeded generator, so a
 * failure names a case that can be replayed.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestCluster, type TestCluster } from '../harness.ts';
import { httpsClient } from '../https-client.ts';
import { ensurePKI } from '../../src/apiserver/pki/index.ts';

let c: TestCluster;
let client: ReturnType<typeof httpsClient>;
before(async () => { c = await startTestCluster(); client = httpsClient(c.url, await ensurePKI(c.dataDir), { maxSockets: 8 }); });
after(async () => { client?.close(); await c?.stop(); });

/** mulberry32: a small seeded PRNG. */
function rng(seed: number) {
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

const COLLECTIONS = ['/api/v1/namespaces/default/pods', '/apis/apps/v1/namespaces/default/deployments', '/api/v1/namespaces', '/api/v1/namespaces/default/configmaps',
  '/apis/apps/v1/namespaces/default/replicasets', '/api/v1/nodes', '/api/v1/namespaces/default/events', '/apis/coordination.k8s.io/v1/namespaces/default/leases', '/api/v1/namespaces/default/secrets'];
const KINDS: Record<string, [string, string]> = {
  pods: ['v1', 'Pod'], deployments: ['apps/v1', 'Deployment'], namespaces: ['v1', 'Namespace'], configmaps: ['v1', 'ConfigMap'], replicasets: ['apps/v1', 'ReplicaSet'],
  nodes: ['v1', 'Node'], events: ['v1', 'Event'], leases: ['coordination.k8s.io/v1', 'Lease'], secrets: ['v1', 'Secret'],
};
const JUNK: unknown[] = [null, 0, -1, 1.5, 2 ** 40, '', 'x', 'Bad_Name', true, [], [1, 'a'], {}, { a: { b: [] } }, '0.5', 'a'.repeat(300)];
const FIELDS = ['metadata', 'metadata.name', 'metadata.labels', 'metadata.labels.k', 'metadata.annotations', 'metadata.ownerReferences', 'metadata.finalizers',
  'metadata.generateName', 'metadata.namespace', 'metadata.resourceVersion', 'spec', 'spec.containers', 'spec.containers.0', 'spec.containers.0.name',
  'spec.containers.0.image', 'spec.containers.0.ports', 'spec.containers.0.resources', 'spec.containers.0.resources.limits.cpu', 'spec.replicas', 'spec.selector',
  'spec.selector.matchLabels', 'spec.template', 'spec.template.metadata.labels', 'spec.strategy', 'spec.strategy.rollingUpdate.maxSurge', 'data', 'data.k',
  'status', 'spec.volumes', 'spec.restartPolicy', 'spec.finalizers', 'involvedObject', 'spec.holderIdentity', 'spec.taints'];

function valid(plural: string, name: string): Record<string, any> {
  const [apiVersion, kind] = KINDS[plural];
  const podSpec = { containers: [{ name: 'c', image: 'busybox', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1' } } }] };
  const base: Record<string, any> = { apiVersion, kind, metadata: { name, labels: { app: 'x' } } };
  if (plural === 'pods') base.spec = podSpec;
  if (plural === 'deployments' || plural === 'replicasets') base.spec = { replicas: 1, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: podSpec } };
  if (plural === 'configmaps' || plural === 'secrets') base.data = { k: plural === 'secrets' ? 'dg==' : 'v' };
  if (plural === 'events') base.involvedObject = { kind: 'Pod', name: 'p', namespace: 'default' };
  return base;
}

function setPath(obj: Record<string, any>, path: string, value: unknown) {
  const parts = path.split('.');
  let o: any = obj;
  for (const p of parts.slice(0, -1)) {
    if (typeof o[p] !== 'object' || o[p] === null) o[p] = /^\d+$/.test(p) ? [] : {};
    o = o[p];
  }
  o[parts[parts.length - 1]] = value;
}

function assertClientError(r: { status: number; text: string }, what: string) {
  assert.ok(r.status >= 200 && r.status < 500, `${what} → ${r.status}: ${r.text.slice(0, 300)}`);
  if (r.status >= 400) {
    const s = JSON.parse(r.text);
    assert.equal(s.kind, 'Status', what);
    assert.equal(s.status, 'Failure', what);
  }
}

it('answers malformed bodies with 4xx Status', async () => {
  const rand = rng(Number(process.env.K8TS_FUZZ_SEED ?? 42));
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];
  for (let i = 0; i < Number(process.env.K8TS_FUZZ_N ?? 1500); i++) {
    const coll = pick(COLLECTIONS);
    const plural = coll.split('/').pop()!;
    const obj = valid(plural, `fuzz-${i}`);
    for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) setPath(obj, pick(FIELDS), structuredClone(pick(JUNK)));
    const verb = pick(['POST', 'POST', 'PUT', 'PATCH']);
    const path = verb === 'POST' ? coll : `${coll}/fuzz-${i % 20}`;
    const ct = verb === 'PATCH' ? pick(['application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/json-patch+json', 'application/apply-patch+yaml']) : 'application/json';
    const q = verb === 'PATCH' && ct.includes('apply') ? '?fieldManager=fuzz' : '';
    const r = await client.call(verb, path + q, obj, { 'Content-Type': ct });
    assertClientError(r, `${verb} ${path} ${ct} ${JSON.stringify(obj).slice(0, 400)}`);
  }
});

it('answers malformed raw bodies, paths and queries with 4xx Status', async () => {
  const rand = rng(Number(process.env.K8TS_FUZZ_SEED ?? 7));
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];
  const bodies = ['', '{', '[]', 'null', '"x"', '{"kind":5}', '{"metadata":[]}', 'k8s\u0000garbage', '\u0000\u0001\u0002', '{"apiVersion":"v2","kind":"Pod"}',
    '- a\n- b', 'a: [', '{"metadata":{"name":"x"},"spec":{"containers":"no"}}', '[{"op":"nope"}]', '[{"op":"remove","path":"/nothing/here"}]'];
  const types = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf', 'text/plain', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', ''];
  const queries = ['limit=abc', 'limit=-5', 'labelSelector=%3D%3D', 'labelSelector=a+in+(', 'fieldSelector=spec.bogus%3Dx', 'fieldSelector=%3D', 'resourceVersion=abc',
'continue=garbage', 'continue=eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MSwic3RhcnQiOiJ4In0', 'watch=maybe',
    'timeoutSeconds=x', 'dryRun=Some', 'fieldValidation=Loose', 'gracePeriodSeconds=x', 'propagationPolicy=Sideways', 'includeObject=Everything', 'resourceVersionMatch=Exact'];
  const paths = ['/api/v1/namespaces/%ZZ/pods', '/api/v1/namespaces/default/pods/../../nodes', '/apis/apps/v9/deployments', '/apis/nope/v1/things', '/api/v2/pods',
    '/api/v1/namespaces/default/pods/x/unknownsub', '/api/v1/namespaces/default/widgets', '/api/v1/namespaces/default/pods/' + 'a'.repeat(400), '/apis', '/api/v1/namespaces/nons/pods/x',
    '/api/v1/namespaces/default/deployments', '/apis/apps/v1/namespaces/default/deployments/x/scale', '/api/v1/namespaces/default/pods/x/binding', '/api/v1/namespaces/default/pods/x/eviction'];
  for (let i = 0; i < 1500; i++) {
    const kind = i % 3;
    let r;
    if (kind === 0) {
      const verb = pick(['POST', 'PUT', 'PATCH']);
      const coll = pick(COLLECTIONS);
      r = await client.call(verb, verb === 'POST' ? coll : `${coll}/x`, pick(bodies), { 'Content-Type': pick(types) });
      assertClientError(r, `${verb} ${coll} body#${i}`);
    } else if (kind === 1) {
      const p = `${pick(COLLECTIONS)}?${pick(queries)}&${pick(queries)}`;
      r = await client.call(pick(['GET', 'GET', 'DELETE']), p.includes('watch=') ? p.replace('watch=maybe', 'watch=maybe&timeoutSeconds=1') : p);
      assertClientError(r, `query ${p}`);
    } else {
      const p = pick(paths);
      r = await client.call(pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']), p, pick(bodies), { 'Content-Type': pick(types) });
      assertClientError(r, `path ${p}`);
    }
  }
  const ready = await client.call('GET', '/readyz');
  assert.equal(ready.status, 200);
});

it('answers a list at a future resourceVersion as the real server does (504 Timeout, ResourceVersionTooLarge)', async () => {
  const r = await client.call('GET', '/api/v1/namespaces/default/pods?resourceVersion=99999999&resourceVersionMatch=Exact');
  assert.equal(r.status, 504);
  const s = r.json();
  assert.equal(s.reason, 'Timeout');
  assert.equal(s.details.causes[0].reason, 'ResourceVersionTooLarge');
});
