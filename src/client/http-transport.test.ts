import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigMap, Namespace } from 'kubernetes-types/core/v1.d.ts';
import { stringify } from 'yaml';
import { isInvalid, isNotFound, isStatusError } from '../api/errors.ts';
import { startAPIServer, type RunningAPIServer } from '../apiserver/server.ts';
import { ensurePKI, type PKI } from '../apiserver/pki/index.ts';
import { createClient } from './client.ts';
import { httpTransport, restPath } from './http-transport.ts';
import { fromKubeconfig } from './kubeconfig.ts';
import { CONFIGMAPS, DEPLOYMENTS, NAMESPACES } from './resources.ts';
import type { Transport } from './transport.ts';

let server: RunningAPIServer;
let pki: PKI;
let dir: string;
const transports: Transport[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-http-client-'));
  server = await startAPIServer({ dataDir: dir, bindAddress: '127.0.0.1', port: 0, datastore: 'memory:' });
  pki = await ensurePKI(dir, { hosts: ['127.0.0.1'] });
});
after(async () => {
  for (const t of transports) t.close?.();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const certClient = () => {
  const t = httpTransport({ server: server.url, ca: pki.caCertPem, cert: pki.adminCertPem, key: pki.adminKeyPem });
  transports.push(t);
  return createClient(t);
};

describe('restPath', () => {
  const cases = [
    { name: 'core collection', input: { verb: 'list', resource: { group: '', version: 'v1', plural: 'pods' }, namespace: 'ns' }, want: '/api/v1/namespaces/ns/pods' },
    { name: 'group subresource with query', input: { verb: 'get', resource: { group: 'apps', version: 'v1', plural: 'deployments' }, namespace: 'a', name: 'web', subresource: 'scale', query: new URLSearchParams('x=1') }, want: '/apis/apps/v1/namespaces/a/deployments/web/scale?x=1' },
    { name: 'cluster-scoped', input: { verb: 'get', resource: { group: '', version: 'v1', plural: 'namespaces' }, name: 'default' }, want: '/api/v1/namespaces/default' },
  ] as const;
  for (const t of cases) it(t.name, () => assert.equal(restPath(t.input as never), t.want));
});

describe('HTTPS transport against the real server', () => {
  it('creates, gets, lists, patches and watches with a client certificate', async () => {
    const cms = certClient().resource<ConfigMap>(CONFIGMAPS).namespace('default');
    const made = await cms.create({ metadata: { name: 'h1', labels: { app: 'x' } }, data: { a: '1' } }, { fieldManager: 'test' });
    assert.equal(made.metadata?.namespace, 'default');
    assert.equal((await cms.get('h1')).data?.a, '1');
    const list = await cms.list({ labelSelector: 'app=x' });
    assert.deepEqual(list.items.map((o) => o.metadata?.name), ['h1']);
    assert.equal(list.kind, 'ConfigMapList');

    const w = await cms.watch({ resourceVersion: list.metadata.resourceVersion, labelSelector: 'app=x' });
    const it = w[Symbol.asyncIterator]();
    const patched = await cms.patch('h1', 'application/merge-patch+json', { data: { a: '2' } });
    assert.equal(patched.data?.a, '2');
    const ev = await it.next();
    assert.equal(ev.value.type, 'MODIFIED');
    assert.equal((ev.value.object as ConfigMap).data?.a, '2');
    w.close();
    assert.equal((await it.next()).done, true);
  });

  it('turns error responses into StatusErrors', async () => {
    const c = certClient();
    await assert.rejects(c.resource<ConfigMap>(CONFIGMAPS).namespace('default').get('nope'), (e) => {
      assert.ok(isNotFound(e));
      assert.equal((e as Error).message, 'configmaps "nope" not found');
      return true;
    });
    await assert.rejects(c.resource<ConfigMap>(CONFIGMAPS).namespace('default').create({ metadata: { name: 'Bad_Name' } }), (e) => isInvalid(e));
    await assert.rejects(c.resource(DEPLOYMENTS).namespace('default').getScale('missing'), (e) => isNotFound(e));
    const anon = httpTransport({ server: server.url, ca: pki.caCertPem });
    transports.push(anon);
    await assert.rejects(createClient(anon).resource(NAMESPACES).get('default'), (e) => isStatusError(e) && e.code === 401);
  });

  it('loads a kubeconfig (bearer token, CA data) and a context by name', async () => {
    const path = join(dir, 'kubeconfig');
    writeFileSync(path, stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'other',
      clusters: [{ name: 'k8ts', cluster: { server: server.url, 'certificate-authority-data': Buffer.from(pki.caCertPem).toString('base64') } }],
      users: [{ name: 'admin', user: { token: pki.adminToken } }, { name: 'nobody', user: {} }],
      contexts: [{ name: 'k8ts', context: { cluster: 'k8ts', user: 'admin' } }, { name: 'other', context: { cluster: 'k8ts', user: 'nobody' } }],
    }));
    const t = fromKubeconfig(path, 'k8ts');
    transports.push(t);
    const ns = await createClient(t).resource<Namespace>(NAMESPACES).get('default');
    assert.equal(ns.metadata?.name, 'default');
    const t2 = fromKubeconfig(path);
    transports.push(t2);
    await assert.rejects(createClient(t2).resource(NAMESPACES).get('default'), (e) => isStatusError(e) && e.code === 401);
  });
});
