import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstat, mkdtemp, readFile, readdir, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container, Pod, Volume } from 'kubernetes-types/core/v1.d.ts';
import { validatePayloadPath, writeAtomic, type Payload } from './atomic-writer.ts';
import type { ObjectSources } from './sources.ts';
import { downwardPayload, formatMap, keysPayload, volumePayload } from './volume-payload.ts';
import { checkHostPath, containerMounts, setUpVolumes, volumePath, VolumeSetUpError } from './volumes.ts';

const b = (s: string) => Buffer.from(s);
const data = new Map([['a', b('1')], ['b', b('2')]]);
const show = (p: Payload) => Object.fromEntries([...p].map(([k, v]) => [k, [Buffer.from(v.data).toString(), v.mode.toString(8)]]));

for (const c of [
  { name: 'all keys, default mode', items: undefined, optional: false, want: { a: ['1', '644'], b: ['2', '644'] } },
  { name: 'items with path and mode', items: [{ key: 'a', path: 'x/y', mode: 0o400 }], optional: false, want: { 'x/y': ['1', '400'] } },
  { name: 'optional missing key skipped', items: [{ key: 'zz', path: 'z' }, { key: 'b', path: 'b' }], optional: true, want: { b: ['2', '644'] } },
]) test(`keysPayload: ${c.name}`, () => assert.deepEqual(show(keysPayload(data, c.items, 0o644, c.optional, 'configmap', 'cm')), c.want));

for (const c of [
  { name: 'missing configmap', d: undefined, items: undefined, kind: 'configmap' as const, want: 'configmap "cm" not found' },
  { name: 'missing secret', d: undefined, items: undefined, kind: 'secret' as const, want: 'secret "cm" not found' },
  { name: 'missing configmap key', d: data, items: [{ key: 'q', path: 'q' }], kind: 'configmap' as const, want: 'configmap references non-existent config key: q' },
  { name: 'missing secret key', d: data, items: [{ key: 'q', path: 'q' }], kind: 'secret' as const, want: 'references non-existent secret key: q' },
]) test(`keysPayload error: ${c.name}`, () => assert.throws(() => keysPayload(c.d, c.items, 0o644, false, c.kind, 'cm'), { message: c.want }));

test('keysPayload: optional missing object is empty', () => assert.equal(keysPayload(undefined, undefined, 0o644, true, 'secret', 's').size, 0));

const pod: Pod = {
  metadata: { name: 'p', namespace: 'ns', uid: 'u1', labels: { b: 'x"y', a: '1' }, annotations: { n: 'v' } },
  spec: { containers: [{ name: 'c', resources: { limits: { memory: '64Mi' }, requests: { cpu: '250m' } } }] },
};

test('downwardPayload: labels, annotations, fields, resources', () => {
  const got = show(downwardPayload(pod, [
    { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'ann', fieldRef: { fieldPath: 'metadata.annotations' } },
    { path: 'name', fieldRef: { fieldPath: 'metadata.name' }, mode: 0o600 }, { path: 'one', fieldRef: { fieldPath: "metadata.labels['a']" } },
    { path: 'mem', resourceFieldRef: { containerName: 'c', resource: 'limits.memory', divisor: '1Mi' } },
    { path: 'cpu', resourceFieldRef: { containerName: 'c', resource: 'requests.cpu', divisor: '1m' } },
  ], 0o644, {}));
  assert.deepEqual(got, {
    labels: ['a="1"\nb="x\\"y"', '644'], ann: ['n="v"', '644'], name: ['p', '600'], one: ['1', '644'], mem: ['64', '644'], cpu: ['250', '644'],
  });
  assert.equal(formatMap({}), '');
});

const sources: ObjectSources = {
  configMap: async (ns, n) => (ns === 'ns' && n === 'cm' ? new Map([['k', b('v')]]) : undefined),
  secret: async (ns, n) => (ns === 'ns' && n === 's' ? new Map([['pw', b('hunter2')]]) : undefined),
};

test('volumePayload: projected merges sources; serviceAccountToken warns', async () => {
  const warns: string[] = [];
  const v: Volume = { name: 'proj', projected: { defaultMode: 0o640, sources: [
    { configMap: { name: 'cm' } }, { secret: { name: 's', items: [{ key: 'pw', path: 'sec/pw' }] } },
    { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } }, { serviceAccountToken: { path: 'token' } },
  ] } };
  const got = show((await volumePayload(pod, v, sources, {}, (r, m) => warns.push(`${r}: ${m}`)))!);
  assert.deepEqual(got, { k: ['v', '640'], 'sec/pw': ['hunter2', '640'], ns: ['ns', '640'] });
  assert.equal(warns.length, 1);
  assert.match(warns[0], /^FailedMount: projected volume "proj": serviceAccountToken sources are not supported/);
  assert.equal(await volumePayload(pod, { name: 'e', emptyDir: {} }, sources, {}, () => {}), undefined);
});

for (const c of [
  { input: 'a/b', want: undefined }, { input: '/abs', want: 'invalid path: must be relative path: /abs' },
  { input: 'a/../b', want: "invalid path: must not contain '..': a/../b" }, { input: '..x', want: "invalid path: must not start with '..': ..x" },
]) test(`validatePayloadPath: ${c.input}`, () => assert.equal(validatePayloadPath(c.input), c.want));

const tmp = () => mkdtemp(join(tmpdir(), 'k8ts-vol-'));

test('writeAtomic: ..data swap, user-visible links, no-op when unchanged, stale entries removed', async () => {
  const dir = await tmp();
  try {
    assert.equal(await writeAtomic(dir, new Map([['a', { data: '1', mode: 0o644 }], ['d/x', { data: 'X', mode: 0o400 }]])), true);
    const first = await readlink(join(dir, '..data'));
    assert.match(first, /^\.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\./);
    assert.equal(await readlink(join(dir, 'a')), '..data/a');
    assert.equal(await readlink(join(dir, 'd')), '..data/d');
    assert.equal(await readFile(join(dir, 'd/x'), 'utf8'), 'X');
    assert.equal((await stat(join(dir, 'd/x'))).mode & 0o777, 0o400);
    assert.equal(await writeAtomic(dir, new Map([['a', { data: '1', mode: 0o644 }], ['d/x', { data: 'X', mode: 0o400 }]])), false);
    assert.equal(await readlink(join(dir, '..data')), first);
    assert.equal(await writeAtomic(dir, new Map([['a', { data: '2', mode: 0o644 }]])), true);
    const second = await readlink(join(dir, '..data'));
    assert.notEqual(second, first);
    assert.equal(await readFile(join(dir, 'a'), 'utf8'), '2');
    assert.deepEqual((await readdir(dir)).sort(), ['..data', second, 'a'].sort());
    assert.equal(await writeAtomic(dir, new Map([['a', { data: '2', mode: 0o600 }]])), true, 'a mode change is a change');
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('checkHostPath: types', async () => {
  const dir = await tmp();
  try {
    await writeFile(join(dir, 'f'), '');
    const cases: { path: string; type: string; err?: string }[] = [
      { path: dir, type: '' }, { path: join(dir, 'nope'), type: '' }, { path: dir, type: 'Directory' },
      { path: join(dir, 'f'), type: 'Directory', err: `hostPath type check failed: ${join(dir, 'f')} is not a directory` },
      { path: join(dir, 'nope'), type: 'File', err: `hostPath type check failed: ${join(dir, 'nope')} is not a file` },
      { path: join(dir, 'f'), type: 'File' }, { path: join(dir, 'f'), type: 'Socket', err: `hostPath type check failed: ${join(dir, 'f')} is not a socket file` },
      { path: '/dev/null', type: 'CharDevice' }, { path: join(dir, 'new/dir'), type: 'DirectoryOrCreate' }, { path: join(dir, 'p/new-file'), type: 'FileOrCreate' },
    ];
    for (const c of cases) {
      if (c.err) await assert.rejects(checkHostPath(c.path, c.type), { message: c.err }, c.type);
      else await checkHostPath(c.path, c.type);
    }
    assert.ok((await stat(join(dir, 'new/dir'))).isDirectory());
    assert.ok((await stat(join(dir, 'p/new-file'))).isFile());
  } finally { await rm(dir, { recursive: true, force: true }); }
});

test('setUpVolumes and containerMounts: paths, readOnly, subPath, FailedMount wording', async () => {
  const root = await tmp();
  try {
    const p: Pod = { ...pod, spec: { ...pod.spec!, volumes: [
      { name: 'e', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cm' } }, { name: 'h', hostPath: { path: root } },
    ] } };
    await setUpVolumes(root, p, sources);
    assert.equal(volumePath(root, 'u1', { name: 'e', emptyDir: {} }), join(root, 'pods/u1/volumes/kubernetes.io~empty-dir/e'));
    assert.equal((await stat(join(root, 'pods/u1/volumes/kubernetes.io~empty-dir/e'))).mode & 0o777, 0o777);
    assert.equal(await readFile(join(root, 'pods/u1/volumes/kubernetes.io~configmap/cfg/k'), 'utf8'), 'v');
    const c: Container = { name: 'c', volumeMounts: [
      { name: 'e', mountPath: '/e' }, { name: 'e', mountPath: '/ro', readOnly: true }, { name: 'e', mountPath: '/s', subPath: 'a/b' },
      { name: 'cfg', mountPath: '/cfg' }, { name: 'cfg', mountPath: '/k', subPath: 'k' },
    ] };
    const m = await containerMounts(root, p, c);
    const cfgDir = join(root, 'pods/u1/volumes/kubernetes.io~configmap/cfg');
    assert.deepEqual(m.map((x) => [x.containerPath, x.readonly]), [['/e', false], ['/ro', true], ['/s', false], ['/cfg', true], ['/k', true]]);
    assert.ok((await lstat(m[2].hostPath!)).isDirectory(), 'subPath made');
    assert.equal(m[4].hostPath, join(cfgDir, await readlink(join(cfgDir, '..data')), 'k'), 'subPath of a key binds the file itself');
    await assert.rejects(containerMounts(root, p, { name: 'c', volumeMounts: [{ name: 'e', mountPath: '/x', subPath: '../../..' }] }), /outside the volume/);
    await assert.rejects(containerMounts(root, p, { name: 'c', volumeMounts: [{ name: 'zz', mountPath: '/x' }] }), /cannot find volume "zz"/);
    const bad: Pod = { ...p, spec: { ...p.spec!, volumes: [{ name: 'gone', configMap: { name: 'nope' } }] } };
    await assert.rejects(setUpVolumes(root, bad, sources), (e) => e instanceof VolumeSetUpError && e.message === 'MountVolume.SetUp failed for volume "gone" : configmap "nope" not found');
  } finally { await rm(root, { recursive: true, force: true }); }
});
