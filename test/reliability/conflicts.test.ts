/**
 * Optimistic concurrency: 50 concurrent updates of one object, all carrying the same
 * resourceVersion, give exactly one winner and 49 × 409 Conflict, round after round.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestCluster, type TestCluster } from '../harness.ts';
import { httpsClient } from '../https-client.ts';
import { ensurePKI } from '../../src/apiserver/pki/index.ts';

let c: TestCluster;
let client: ReturnType<typeof httpsClient>;
before(async () => { c = await startTestCluster(); client = httpsClient(c.url, await ensurePKI(c.dataDir)); });
after(async () => { client?.close(); await c?.stop(); });

it('50 conflicting updates give exactly one winner per round', async () => {
  const path = '/api/v1/namespaces/default/configmaps';
  const created = await client.call('POST', path, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'race' }, data: { round: '0' } });
  assert.equal(created.status, 201);
  let current = created.json();
  for (let round = 1; round <= 5; round++) {
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      client.call('PUT', `${path}/race`, { ...current, data: { round: String(round), writer: String(i) } })));
    const ok = replies.filter((r) => r.status === 200);
    const conflicts = replies.filter((r) => r.status === 409);
    assert.equal(ok.length, 1, `round ${round}: ${replies.map((r) => r.status).join(',')}`);
    assert.equal(conflicts.length, 49);
    for (const r of conflicts) {
      const s = r.json();
      assert.equal(s.kind, 'Status');
      assert.equal(s.reason, 'Conflict');
      assert.match(s.message, /Operation cannot be fulfilled on configmaps "race": the object has been modified; please apply your changes to the latest version and try again/);
    }
    const got = (await client.call('GET', `${path}/race`)).json();
    assert.deepEqual(got.data, ok[0].json().data);
    current = got;
  }
});
