import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { isGlobalUnicast, podProxyURL, splitSchemeNamePort } from './pod-proxy.ts';
import { kubeletAddressOf } from './kubelet-address.ts';
import { kubeletError } from './kubelet-response.ts';

const pod: Pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] }, status: { podIP: '10.244.0.5' } };

test('podProxyURL targets the pod IP', () => {
  const cases = [
    { name: 'declared port', input: { id: 'p', rest: '/a/b', search: '?x=1' }, want: 'http://10.244.0.5:8080/a/b?x=1' },
    { name: 'explicit port', input: { id: 'p:81', rest: '', search: '' }, want: 'http://10.244.0.5:81/' },
    { name: 'scheme', input: { id: 'https:p:443', rest: '/', search: '' }, want: 'https://10.244.0.5/' },
    { name: 'bad scheme', input: { id: 'ftp:p:21', rest: '/', search: '' }, want: 'error: invalid pod request "ftp:p:21"' },
  ];
  for (const c of cases) {
    let got: string;
    try { got = podProxyURL(pod, c.input.id, c.input.rest, c.input.search).href; } catch (e) { got = `error: ${(e as Error).message}`; }
    assert.equal(got, c.want, c.name);
  }
  assert.throws(() => podProxyURL({ ...pod, status: { podIP: '127.0.0.1' } }, 'p', '/', ''), /address not allowed/);
});

test('splitSchemeNamePort and isGlobalUnicast', () => {
  assert.deepEqual(splitSchemeNamePort('a:b:c:d'), undefined);
  assert.deepEqual(splitSchemeNamePort('n:80'), { scheme: '', name: 'n', port: '80' });
  const ips = [
    { name: 'private v4', input: '10.0.0.1', want: true },
    { name: 'loopback', input: '127.0.0.1', want: false },
    { name: 'link-local', input: '169.254.1.1', want: false },
    { name: 'multicast', input: '224.0.0.1', want: false },
    { name: 'v6 global', input: '2001:db8::1', want: true },
    { name: 'v6 loopback', input: '::1', want: false },
    { name: 'v6 link-local', input: 'fe80::1', want: false },
  ];
  for (const c of ips) assert.equal(isGlobalUnicast(c.input), c.want, c.name);
});

test('kubeletAddressOf reads the Node', () => {
  const cases = [
    { name: 'InternalIP and port', input: { addresses: [{ type: 'Hostname', address: 'h' }, { type: 'InternalIP', address: '10.0.0.2' }], daemonEndpoints: { kubeletEndpoint: { Port: 10251 } } }, want: { host: '10.0.0.2', port: 10251 } },
    { name: 'default port', input: { addresses: [{ type: 'InternalIP', address: '10.0.0.2' }] }, want: { host: '10.0.0.2', port: 10250 } },
    { name: 'hostname fallback', input: { addresses: [{ type: 'Hostname', address: 'h' }], daemonEndpoints: { kubeletEndpoint: { Port: 0 } } }, want: { host: 'h', port: 10250 } },
  ];
  for (const c of cases) assert.deepEqual(kubeletAddressOf({ status: c.input }), c.want, c.name);
});

test('kubeletError maps kubelet answers', () => {
  const cases = [
    { name: '400 keeps the text', input: { code: 400, body: 'container "c" in pod "p" is waiting to start: ContainerCreating' }, want: { code: 400, reason: 'BadRequest', message: 'container "c" in pod "p" is waiting to start: ContainerCreating' } },
    { name: '500', input: { code: 500, body: 'boom' }, want: { code: 500, reason: 'InternalError', message: 'Internal error occurred: boom' } },
    { name: '404', input: { code: 404, body: 'x' }, want: { code: 404, reason: 'NotFound', message: 'the server could not find the requested resource ( pods/log p)' } },
  ];
  for (const c of cases) {
    const e = kubeletError(c.input.code, c.input.body, 'pods/log', 'p');
    assert.deepEqual({ code: e.code, reason: e.reason, message: e.message }, c.want, c.name);
  }
});
