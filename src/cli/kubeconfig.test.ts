import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as YAML from 'yaml';
import { KubeconfigError, mergeKubeconfig, type KubeconfigEntry } from './kubeconfig.ts';

const entry: KubeconfigEntry = { name: 'k8ts', server: 'https://127.0.0.1:6443', caPem: 'CA', certPem: 'CERT', keyPem: 'KEY' };
const b64 = (s: string) => Buffer.from(s).toString('base64');
const ours = {
  cluster: { name: 'k8ts', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': b64('CA') } },
  user: { name: 'k8ts', user: { 'client-certificate-data': b64('CERT'), 'client-key-data': b64('KEY') } },
  context: { name: 'k8ts', context: { cluster: 'k8ts', user: 'k8ts' } },
};
const other = {
  cluster: { name: 'prod', cluster: { server: 'https://prod:443' } },
  user: { name: 'prod', user: { token: 'abc' } },
  context: { name: 'prod', context: { cluster: 'prod', user: 'prod', namespace: 'web' } },
};

test('mergeKubeconfig', () => {
  const cases: { name: string; input: string | undefined; setCurrent?: boolean; want: Record<string, unknown> }[] = [
    {
      name: 'no file',
      input: undefined,
      want: { apiVersion: 'v1', kind: 'Config', clusters: [ours.cluster], users: [ours.user], contexts: [ours.context], 'current-context': 'k8ts', preferences: {} },
    },
    {
      name: 'empty file with a comment',
      input: '# nothing yet\n',
      want: { apiVersion: 'v1', kind: 'Config', clusters: [ours.cluster], users: [ours.user], contexts: [ours.context], 'current-context': 'k8ts', preferences: {} },
    },
    {
      name: 'other entries and unknown fields are kept; ours becomes current',
      input: YAML.stringify({ apiVersion: 'v1', kind: 'Config', clusters: [other.cluster], users: [other.user], contexts: [other.context], 'current-context': 'prod', preferences: { colors: true }, extensions: [{ name: 'x' }] }),
      want: { apiVersion: 'v1', kind: 'Config', clusters: [other.cluster, ours.cluster], users: [other.user, ours.user], contexts: [other.context, ours.context], 'current-context': 'k8ts', preferences: { colors: true }, extensions: [{ name: 'x' }] },
    },
    {
      name: 'setCurrent false keeps the current context',
      input: YAML.stringify({ clusters: [other.cluster], users: [other.user], contexts: [other.context], 'current-context': 'prod' }),
      setCurrent: false,
      want: { clusters: [other.cluster, ours.cluster], users: [other.user, ours.user], contexts: [other.context, ours.context], 'current-context': 'prod', apiVersion: 'v1', kind: 'Config', preferences: {} },
    },
    {
      name: 'an old k8ts entry is updated in place, conflicting fields dropped, extra fields and namespace kept, duplicates removed',
      input: YAML.stringify({
        apiVersion: 'v1', kind: 'Config',
        clusters: [{ name: 'k8ts', cluster: { server: 'https://old:1', 'certificate-authority': '/ca.crt', 'insecure-skip-tls-verify': true, 'proxy-url': 'http://p' } }, other.cluster, { name: 'k8ts', cluster: { server: 'dupe' } }],
        users: [{ name: 'k8ts', user: { token: 'old', 'client-certificate': '/c.crt' } }],
        contexts: [{ name: 'k8ts', context: { cluster: 'k8ts', user: 'k8ts', namespace: 'dev' } }],
        'current-context': 'k8ts',
      }),
      want: {
        apiVersion: 'v1', kind: 'Config',
        clusters: [{ name: 'k8ts', cluster: { 'proxy-url': 'http://p', server: 'https://127.0.0.1:6443', 'certificate-authority-data': b64('CA') } }, other.cluster],
        users: [ours.user],
        contexts: [{ name: 'k8ts', context: { cluster: 'k8ts', user: 'k8ts', namespace: 'dev' } }],
        'current-context': 'k8ts', preferences: {},
      },
    },
    {
      name: 'null lists as kubectl writes them',
      input: 'apiVersion: v1\nkind: Config\nclusters: null\nusers: null\ncontexts: null\ncurrent-context: ""\n',
      want: { apiVersion: 'v1', kind: 'Config', clusters: [ours.cluster], users: [ours.user], contexts: [ours.context], 'current-context': 'k8ts', preferences: {} },
    },
  ];
  for (const c of cases) {
    assert.deepEqual(YAML.parse(mergeKubeconfig(c.input, entry, c.setCurrent ?? true)), c.want, c.name);
  }
});

test('mergeKubeconfig keeps comments and refuses what is not a kubeconfig', () => {
  assert.match(mergeKubeconfig('# my clusters\nclusters: []\n', entry), /^# my clusters/);
  const bad = [
    { name: 'broken YAML', input: 'clusters: [\n', want: /not valid YAML/ },
    { name: 'a list at the top', input: '- a\n', want: /top level/ },
    { name: 'clusters not a list', input: 'clusters: {}\n', want: /"clusters" is not a list/ },
  ];
  for (const c of bad) assert.throws(() => mergeKubeconfig(c.input, entry), (e: unknown) => e instanceof KubeconfigError && c.want.test(e.message), c.name);
});

test('long base64 values stay on one line', () => {
  const big = { ...entry, caPem: 'x'.repeat(2000) };
  const out = mergeKubeconfig(undefined, big);
  assert.ok(out.split('\n').some((l) => l.includes(b64(big.caPem))));
});
