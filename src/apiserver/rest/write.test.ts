import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConfigMap } from 'kubernetes-types/core/v1.d.ts';
import { createClient } from '../../client/client.ts';
import { CONFIGMAPS, NAMESPACES } from '../../client/resources.ts';
import { openMemoryStore } from '../../store/index.ts';
import { API } from './api.ts';
import { inProcessTransport } from './in-process.ts';

describe('create with generateName', () => {
  it('retries a generated name that is taken, and the retry is checked as the first try was', async () => {
    // The first five draws name both creates gen-bbbbb; the second create then draws again.
    let draws = 0;
    const api = new API({ store: await openMemoryStore(), rand: () => (draws++ < 10 ? 0 : 1) });
    const client = createClient(inProcessTransport(api));
    await client.resource(NAMESPACES).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } });
    const cms = client.resource<ConfigMap>(CONFIGMAPS).namespace('ns');
    const body = { metadata: { generateName: 'gen-' }, data: { a: '1' }, bogus: 1 } as ConfigMap;
    assert.equal((await cms.create(body)).metadata?.name, 'gen-bbbbb');
    const second = await cms.create(body);
    assert.equal(second.metadata?.name, 'gen-ccccc');
    const stored = await cms.get('gen-ccccc') as ConfigMap & { bogus?: unknown };
    assert.equal(stored.bogus, undefined, 'the unknown field is dropped on the retry too');
    assert.deepEqual(stored.data, { a: '1' });
  });
});
