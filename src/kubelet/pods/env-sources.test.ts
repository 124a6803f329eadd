import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from 'kubernetes-types/core/v1.d.ts';
import { buildEnv, isEnvVarName, resourceFieldValue, type EnvSources } from './env.ts';
import { configMapData, envSourcesFrom, secretData } from './sources.ts';

const pod: Pod = { metadata: { name: 'p', namespace: 'ns', uid: 'u1', annotations: { 'a.b/c': 'z' } }, spec: { containers: [] } };
const sources: EnvSources = {
  configMap: async (ns, n) => (n === 'cm' ? { good: '1', '1bad': '2', 'with space': '3', 'dot.ted-dash': '4' } : undefined),
  secret: async (ns, n) => (n === 's' ? { T: 't' } : undefined),
};

test('buildEnv: invalid envFrom keys skipped with the kubelet event', async () => {
  const warns: string[] = [];
  const got = await buildEnv(pod, { name: 'c', envFrom: [{ configMapRef: { name: 'cm' } }, { secretRef: { name: 's' }, prefix: '9' }] }, {}, sources, (r, m) => warns.push(`${r} ${m}`));
  assert.deepEqual(got.map((e) => e.key), ['good', 'dot.ted-dash']);
  assert.deepEqual(warns, [
    'InvalidEnvironmentVariableNames Keys [1bad, with space] from the EnvFrom configMap ns/cm were skipped since they are considered invalid environment variable names.',
    'InvalidEnvironmentVariableNames Keys [9T] from the EnvFrom secret ns/s were skipped since they are considered invalid environment variable names.',
  ]);
});

test('buildEnv: optional missing envFrom skipped; annotation fieldRef; resourceFieldRef of another container', async () => {
  const p: Pod = { ...pod, spec: { containers: [{ name: 'other', resources: { requests: { memory: '128Mi' } } }] } };
  const got = await buildEnv(p, { name: 'c', envFrom: [{ configMapRef: { name: 'nope', optional: true } }], env: [
    { name: 'A', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['a.b/c']" } } },
    { name: 'M', valueFrom: { resourceFieldRef: { containerName: 'other', resource: 'requests.memory', divisor: '1Mi' } } },
  ] }, {}, sources);
  assert.deepEqual(got, [{ key: 'A', value: 'z' }, { key: 'M', value: '128' }]);
});

for (const c of [
  { name: 'cpu limit in cores rounds up', res: { limits: { cpu: '250m' } }, r: 'limits.cpu', d: undefined, want: '1' },
  { name: 'cpu limit in millicores', res: { limits: { cpu: '250m' } }, r: 'limits.cpu', d: '1m', want: '250' },
  { name: 'memory in Mi rounds up', res: { limits: { memory: '1500Ki' } }, r: 'limits.memory', d: '1Mi', want: '2' },
  { name: 'unset limit: node allocatable cpu', res: {}, r: 'limits.cpu', d: '1m', want: '2000' },
  { name: 'unset limit: node allocatable memory', res: {}, r: 'limits.memory', d: '1Gi', want: '4' },
  { name: 'unset request is 0', res: {}, r: 'requests.cpu', d: undefined, want: '0' },
] as { name: string; res: Container['resources']; r: string; d?: string; want: string }[]) {
  test(`resourceFieldValue: ${c.name}`, () => assert.equal(resourceFieldValue({ name: 'c', resources: c.res }, c.r, c.d, { allocatable: { cpuMilli: 2000, memoryBytes: 4 * 2 ** 30 } }), c.want));
}

for (const [k, want] of [['A_b1', true], ['-dash.ok', true], ['1x', false], ['a b', false], ['a=b', false], ['', false]] as const) {
  test(`isEnvVarName(${JSON.stringify(k)})`, () => assert.equal(isEnvVarName(k), want));
}

test('sources: ConfigMap binaryData and Secret data as bytes; strings for env', async () => {
  const cm = configMapData({ data: { a: 'x' }, binaryData: { b: Buffer.from([0, 255]).toString('base64') } });
  assert.deepEqual([...cm.get('b')!], [0, 255]);
  const s = secretData({ data: { pw: Buffer.from('hunter2').toString('base64') } });
  assert.equal(s.get('pw')!.toString(), 'hunter2');
  const env = envSourcesFrom({ configMap: async () => cm, secret: async () => undefined });
  assert.equal((await env.configMap('ns', 'x'))?.a, 'x');
  assert.equal(await env.secret('ns', 'x'), undefined);
});
