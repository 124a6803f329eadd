/**
 * Durability: `kill -9` of the server in the middle of a write burst loses no write that
 * was acknowledged (a 201 reached the client). The server restarts on the same data dir
 * and every acknowledged object is there with its content.
 */
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePKI } from '../../src/apiserver/pki/index.ts';
import { httpsClient } from '../https-client.ts';
import { freePort, startServerProcess, waitExit } from '../server-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'k8ts-kill9-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

it('keeps every acknowledged write across kill -9', async () => {
  const port = await freePort();
  let srv = await startServerProcess(dataDir, port);
  const pki = await ensurePKI(dataDir);
  let client = httpsClient(srv.url, pki, { maxSockets: 16 });
  const acked = new Map<string, string>();
  let stop = false;
  const path = '/api/v1/namespaces/default/configmaps';
  // 16 writers create configmaps as fast as the server takes them.
  const writers = Array.from({ length: 16 }, async (_, w) => {
    for (let i = 0; !stop; i++) {
      const name = `w${w}-${i}`;
      const value = `${w}:${i}:${'x'.repeat(i % 50)}`;
      try {
        const r = await client.call('POST', path, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { v: value } });
        if (r.status === 201) acked.set(name, value);
      } catch { return; } // the connection died with the server
    }
  });
  // Kill once a few hundred writes are acknowledged, with writes still in flight.
  const deadline = Date.now() + 60_000;
  while (acked.size < 400 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
  srv.child.kill('SIGKILL');
  stop = true;
  await Promise.all(writers);
  await waitExit(srv.child);
  client.close();
  assert.ok(acked.size >= 400, `only ${acked.size} writes acknowledged before the deadline`);

  srv = await startServerProcess(dataDir, port);
  client = httpsClient(srv.url, pki);
  try {
    const list = await client.call('GET', path);
    assert.equal(list.status, 200);
    const stored = new Map<string, string>((list.json().items as { metadata: { name: string }; data: { v: string } }[]).map((i) => [i.metadata.name, i.data.v]));
    const lost = [...acked].filter(([n, v]) => stored.get(n) !== v).map(([n]) => n);
    assert.deepEqual(lost, [], `${lost.length} of ${acked.size} acknowledged writes lost`);
  } finally {
    client.close();
    srv.child.kill('SIGTERM');
    await waitExit(srv.child);
  }
});
