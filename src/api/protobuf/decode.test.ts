import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeK8sProtobuf } from './decode.ts';
import { isStatusError } from '../errors.ts';
import { envelope, lf, mapEntry, sf, vf } from './testdata/builder.ts';

const fixture = (name: string) => new URL(`./testdata/${name}`, import.meta.url);

// Bodies recorded from real kubectl 1.33 (testdata/capture.ts); the .json next to each is what
// the same command prints with `-o json --dry-run=client`, i.e. the JSON body it stands for.
test('real kubectl 1.33 protobuf creates decode to their JSON form', () => {
  const cases = ['deployment-web', 'deployment-multi', 'deployment-cmd', 'deployment-zero', 'namespace-x', 'configmap-c', 'secret-s'];
  for (const name of cases) {
    const got = decodeK8sProtobuf(readFileSync(fixture(`${name}.bin`)));
    const want = JSON.parse(readFileSync(fixture(`${name}.json`), 'utf8'));
    assert.deepEqual(got.object, want, name);
    assert.equal(got.kind, want.kind, name);
    assert.equal(got.apiVersion, want.apiVersion, name);
  }
});

const meta = (name: string, extra: number[] = []) => lf(1, [...sf(1, name), ...sf(2, ''), vf(7, 0), lf(8, []), ...extra].flat());

test('hand-built objects exercise the special encodings', () => {
  const cases: { name: string; input: Uint8Array; want: Record<string, unknown> }[] = [
    {
      name: 'pod: inline sources, IntOrString ports, packed and unpacked int64 lists, negative int32, keep vs omitempty',
      input: envelope('v1', 'Pod', [
        ...meta('p', [...mapEntry(11, 'app', 'web'), ...lf(9, [...vf(1, 1704164705)])]),
        ...lf(2, [
          ...lf(1, [...sf(1, 'cfg'), ...lf(2, lf(19, [...lf(1, sf(1, 'settings')), ...vf(3, 420)]))]),
          ...lf(1, [...sf(1, 'scratch'), ...lf(2, lf(2, [...sf(1, ''), ...lf(2, sf(1, '1Gi'))]))]),
          ...lf(2, [
            ...sf(1, 'app'), ...sf(2, 'nginx'), ...sf(5, ''), ...vf(16, false),
            ...lf(10, [...lf(1, lf(2, [...sf(1, '/healthz'), ...lf(2, [...vf(1, 0), ...vf(2, 8080)])])), ...vf(2, 0), ...vf(4, 10)]),
            ...lf(11, lf(1, lf(3, lf(1, [...vf(1, 1), ...sf(3, 'http')])))),
            ...lf(8, lf(1, [...sf(1, 'cpu'), ...lf(2, sf(1, '500m'))])),
            ...lf(7, [...sf(1, 'MODE'), ...sf(2, '')]),
            ...lf(7, [...sf(1, 'FROM'), ...lf(3, lf(3, [...lf(1, sf(1, 'cm')), ...sf(2, 'k')]))]),
          ]),
          ...lf(14, [...vf(2, 1000), ...lf(4, [1, 2]), ...vf(4, 3), ...vf(5, 0)]),
          ...vf(25, -5),
          ...vf(4, 0),
          ...lf(22, [...sf(1, 'k'), ...sf(2, 'Exists'), ...sf(3, ''), ...sf(4, 'NoExecute'), ...vf(5, 300)]),
        ]),
        ...lf(3, []),
      ]),
      want: {
        kind: 'Pod', apiVersion: 'v1',
        metadata: { name: 'p', creationTimestamp: null, labels: { app: 'web' }, deletionTimestamp: '2024-01-02T03:05:05Z' },
        spec: {
          volumes: [
            { name: 'cfg', configMap: { name: 'settings', defaultMode: 420 } },
            { name: 'scratch', emptyDir: { sizeLimit: '1Gi' } },
          ],
          containers: [{
            name: 'app', image: 'nginx',
            livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
            readinessProbe: { tcpSocket: { port: 'http' } },
            resources: { limits: { cpu: '500m' } },
            env: [{ name: 'MODE' }, { name: 'FROM', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k' } } }],
          }],
          securityContext: { runAsUser: 1000, supplementalGroups: [1, 2, 3], fsGroup: 0 },
          priority: -5,
          terminationGracePeriodSeconds: 0,
          tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
        },
        status: {},
      },
    },
    {
      name: 'secret: bytes values are base64, empty map value kept',
      input: envelope('v1', 'Secret', [...meta('s'), ...lf(2, [...sf(1, 'k'), ...lf(2, [0xff, 0x00])]), ...lf(2, sf(1, 'none')), ...sf(3, 'Opaque')]),
      want: { kind: 'Secret', apiVersion: 'v1', metadata: { name: 's', creationTimestamp: null }, data: { k: '/wA=', none: '' }, type: 'Opaque' },
    },
    {
      name: 'lease: MicroTime and pointer zeros',
      input: envelope('coordination.k8s.io/v1', 'Lease', [
        ...meta('node-1'),
        ...lf(2, [...sf(1, 'node-1'), ...vf(2, 40), ...lf(4, [...vf(1, 1704164705), ...vf(2, 123456789)]), ...vf(5, 0)]),
      ]),
      want: {
        kind: 'Lease', apiVersion: 'coordination.k8s.io/v1', metadata: { name: 'node-1', creationTimestamp: null },
        spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40, renewTime: '2024-01-02T03:05:05.123456Z', leaseTransitions: 0 },
      },
    },
    {
      name: 'eviction with DeleteOptions',
      input: envelope('policy/v1', 'Eviction', [...meta('p'), ...lf(2, [...vf(1, 0), ...lf(2, sf(1, 'uid-1')), ...sf(5, 'All')])]),
      want: {
        kind: 'Eviction', apiVersion: 'policy/v1', metadata: { name: 'p', creationTimestamp: null },
        deleteOptions: { gracePeriodSeconds: 0, preconditions: { uid: 'uid-1' }, dryRun: ['All'] },
      },
    },
    {
      name: 'scale: omitempty spec.replicas dropped, required status.replicas kept',
      input: envelope('autoscaling/v1', 'Scale', [...meta('web'), ...lf(2, vf(1, 0)), ...lf(3, [...vf(1, 0), ...sf(2, '')])]),
      want: { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'web', creationTimestamp: null }, spec: {}, status: { replicas: 0 } },
    },
    {
      name: 'binding',
      input: envelope('v1', 'Binding', [...meta('p'), ...lf(2, [...sf(1, 'Node'), ...sf(2, ''), ...sf(3, 'n1')])]),
      want: { kind: 'Binding', apiVersion: 'v1', metadata: { name: 'p', creationTimestamp: null }, target: { kind: 'Node', name: 'n1' } },
    },
    {
      name: 'deployment strategy: IntOrString percent and zero',
      input: envelope('apps/v1', 'Deployment', [
        ...meta('d'),
        ...lf(2, lf(4, [...sf(1, 'RollingUpdate'), ...lf(2, [...lf(1, [...vf(1, 1), ...sf(3, '25%')]), ...lf(2, vf(1, 0))])])),
      ]),
      want: {
        kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'd', creationTimestamp: null },
        spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 0 } } },
      },
    },
    {
      name: 'unknown fields are skipped, a repeated field accumulates',
      input: envelope('v1', 'Namespace', [...meta('x', [...sf(14, 'a'), ...sf(99, 'future'), ...sf(14, 'b')]), ...vf(50, 7)]),
      want: { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'x', creationTimestamp: null, finalizers: ['a', 'b'] } },
    },
  ];
  for (const c of cases) assert.deepEqual(decodeK8sProtobuf(c.input).object, c.want, c.name);
});

test('bad bodies are rejected with a 400 and a clear message', () => {
  const good = [...readFileSync(fixture('namespace-x.bin'))];
  const cases: { name: string; input: Uint8Array; want: RegExp }[] = [
    { name: 'JSON instead of protobuf', input: new TextEncoder().encode('{"kind":"Pod"}'), want: /missing the "k8s\\x00" prefix/ },
    { name: 'empty body', input: new Uint8Array(), want: /prefix/ },
    { name: 'truncated', input: Uint8Array.from(good.slice(0, good.length - 5)), want: /truncated/ },
    { name: 'unknown kind', input: envelope('v1', 'Service', []), want: /no protobuf decoding for kind "Service" in version "v1"/ },
    { name: 'kind in an unexpected version', input: envelope('apps/v1beta1', 'Deployment', []), want: /kind "Deployment" in version "apps\/v1beta1"/ },
    { name: 'no type meta', input: Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...lf(2, [])]), want: /no apiVersion\/kind/ },
    { name: 'content encoding', input: envelope('v1', 'Namespace', [], sf(3, 'gzip')), want: /contentEncoding "gzip"/ },
    { name: 'wrong wire type', input: envelope('v1', 'Namespace', vf(1, 3)), want: /Namespace.metadata: expected length-delimited/ },
    { name: 'invalid UTF-8', input: envelope('v1', 'Namespace', lf(1, lf(1, [0xc3]))), want: /not valid UTF-8/ },
  ];
  for (const c of cases) {
    assert.throws(() => decodeK8sProtobuf(c.input), (e: unknown) => {
      assert.ok(isStatusError(e), c.name);
      assert.equal(e.code, 400, c.name);
      assert.equal(e.reason, 'BadRequest', c.name);
      assert.match(e.message, c.want, c.name);
      return true;
    }, c.name);
  }
});
