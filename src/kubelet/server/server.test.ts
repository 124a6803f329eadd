import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensurePKI } from '../../apiserver/pki/index.ts';
import { ensureKubeletClientCert, ensureKubeletServingCert, ensureLeafPair } from '../../apiserver/pki/kubelet-certs.ts';
import { newCA, newLeaf } from '../../apiserver/pki/issue.ts';
import { createKubeletServer, criLogPath, newerLogExists } from './index.ts';

interface Client { cert: string; key: string }

function get(port: number, ca: string, client: Client | undefined, path: string, onData?: (text: string) => void): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, ca, ...(client ?? {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => { body += d; onData?.(body); });
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('kubelet server: logs over mutual TLS', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kubelet-srv-'));
  const pki = await ensurePKI(join(dir, 'data'), { hosts: [] });
  const serving = await ensureKubeletServingCert(pki, 'node-a', ['127.0.0.1']);
  const apiClient = await ensureKubeletClientCert(pki);
  const stranger = await ensureLeafPair(pki, 'bob', { commonName: 'bob', days: 1, usage: 'client' });
  const otherCA = await newCA('other', 1);
  const forged = await newLeaf(otherCA, { commonName: 'kube-apiserver-kubelet-client', days: 1, usage: 'client' });
  const podsDir = join(dir, 'pods');
  const cur = criLogPath(podsDir, 'default', 'p', 'uid1', 'c', 1);
  const prev = criLogPath(podsDir, 'default', 'p', 'uid1', 'c', 0);
  await mkdir(join(podsDir, 'default_p_uid1', 'c'), { recursive: true });
  await writeFile(prev, '2026-01-01T00:00:00Z stdout F old\n');
  await writeFile(cur, '2026-01-01T00:00:01Z stdout F a\n2026-01-01T00:00:02Z stderr F b\n2026-01-01T00:00:03Z stdout F c\n');
  const srv = await createKubeletServer({
    port: 0, bindAddress: '127.0.0.1', pollMs: 50,
    tls: { cert: serving.certPem, key: serving.keyPem, ca: pki.caCertPem },
    findLogFile: (ns, pod, container, previous) => ns === 'default' && pod === 'p' && container === 'c'
      ? (previous ? prev : cur) : { error: `container "${container}" in pod "${pod}" is waiting to start: ContainerCreating` },
  });
  const client = { cert: apiClient.certPem, key: apiClient.keyPem };
  const admin = { cert: pki.adminCertPem, key: pki.adminKeyPem };
  const ca = pki.caCertPem;
  try {
    const cases = [
      { name: 'all lines', input: { client, path: '/containerLogs/default/p/c' }, want: { status: 200, body: 'a\nb\nc\n' } },
      { name: 'admin may read', input: { client: admin, path: '/containerLogs/default/p/c?tailLines=1' }, want: { status: 200, body: 'c\n' } },
      { name: 'timestamps', input: { client, path: '/containerLogs/default/p/c?tailLines=1&timestamps=true' }, want: { status: 200, body: '2026-01-01T00:00:03Z c\n' } },
      { name: 'previous', input: { client, path: '/containerLogs/default/p/c?previous=true' }, want: { status: 200, body: 'old\n' } },
      { name: 'limitBytes', input: { client, path: '/containerLogs/default/p/c?limitBytes=3' }, want: { status: 200, body: 'a\nb' } },
      { name: 'lookup error', input: { client, path: '/containerLogs/default/p/x' }, want: { status: 400, body: 'container "x" in pod "p" is waiting to start: ContainerCreating' } },
      { name: 'invalid options', input: { client, path: '/containerLogs/default/p/c?tailLines=-2' }, want: { status: 422, body: '{"message": "Invalid request."}' } },
      { name: 'exec reserved', input: { client, path: '/exec/default/p/c?command=ls' }, want: { status: 501, body: 'streaming is not implemented yet' } },
      { name: 'no certificate', input: { client: undefined, path: '/containerLogs/default/p/c' }, want: { status: 401, body: 'Unauthorized' } },
      { name: 'certificate from another CA', input: { client: { cert: forged.certPem, key: forged.keyPem }, path: '/containerLogs/default/p/c' }, want: { status: 401, body: 'Unauthorized' } },
      { name: 'unknown user', input: { client: { cert: stranger.certPem, key: stranger.keyPem }, path: '/containerLogs/default/p/c' },
        want: { status: 403, body: 'Forbidden (user=bob, verb=get, resource=nodes, subresource=proxy)' } },
    ];
    for (const c of cases) assert.deepEqual(await get(srv.port, ca, c.input.client, c.input.path), c.want, c.name);

    // follow: sees a line appended after the start, ends when the container restarts (2.log appears).
    let sawStart: () => void;
    const started = new Promise<void>((r) => { sawStart = r; });
    const followed = get(srv.port, ca, client, '/containerLogs/default/p/c?follow=true&tailLines=1', (body) => { if (body === 'c\n') sawStart(); });
    await started;
    await appendFile(cur, '2026-01-01T00:00:04Z stdout F d\n');
    assert.equal(await newerLogExists(cur), false);
    await writeFile(criLogPath(podsDir, 'default', 'p', 'uid1', 'c', 2), '');
    assert.deepEqual(await followed, { status: 200, body: 'c\nd\n' });
  } finally {
    await srv.close();
    await rm(dir, { recursive: true });
  }
});
