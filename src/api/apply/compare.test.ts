import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { schemaFor } from '../patch/schema.ts';
import type { FieldSet } from './fieldset.ts';
import { toFieldsV1 } from './fieldset.ts';
import { compare, compareByFlattening } from './compare.ts';
import type { Comparison } from './compare.ts';
import type { Obj } from './walk.ts';

const pod = schemaFor('v1', 'Pod');
const deployment = schemaFor('apps/v1', 'Deployment');
const enc = (s: FieldSet) => JSON.stringify(toFieldsV1(s));
const encoded = (c: Comparison) => ({ added: enc(c.added), removed: enc(c.removed), modified: enc(c.modified) });

describe('compare', () => {
  const cases: { name: string; before: Obj; after: Obj; want: { added?: Obj; removed?: Obj; modified?: Obj } }[] = [
    {
      name: 'a status write to Running: new conditions are added whole, a changed phase is modified, a dropped null removed',
      before: { status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null }] } },
      after: { status: { phase: 'Running', podIP: '10.0.0.1', conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'True' }] } },
      want: {
        added: { 'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { 'f:status': {}, 'f:type': {}, '.': {} } }, 'f:podIP': {} } },
        removed: { 'f:status': { 'f:conditions': { 'k:{"type":"PodScheduled"}': { 'f:lastProbeTime': {} } } } },
        modified: { 'f:status': { 'f:phase': {} } },
      },
    },
    {
      name: 'a map that appears is added as a whole ("."), a struct always serialised (spec) is not',
      before: { metadata: {} },
      after: { metadata: { labels: { app: 'web' } }, spec: { nodeName: 'n1' } },
      want: { added: { 'f:metadata': { 'f:labels': { 'f:app': {}, '.': {} } }, 'f:spec': { 'f:nodeName': {} } } },
    },
    {
      name: 'an atomic list is one leaf, changed as a whole',
      before: { status: { containerStatuses: [{ name: 'a', ready: false }] } },
      after: { status: { containerStatuses: [{ name: 'a', ready: true }] } },
      want: { modified: { 'f:status': { 'f:containerStatuses': {} } } },
    },
    {
      name: 'a scalar that becomes an object: its fields are added, the scalar is not modified',
      before: { spec: { securityContext: 'x' } },
      after: { spec: { securityContext: { runAsUser: 1 } } },
      want: { added: { 'f:spec': { 'f:securityContext': { 'f:runAsUser': {} } } } },
    },
    {
      name: 'two items under one key (a duplicate) still compare, their entries merged',
      before: { spec: { containers: [{ name: 'a', image: '1' }] } },
      after: { spec: { containers: [{ name: 'a', image: '2' }, { name: 'a', image: '3', tty: true }] } },
      want: { added: { 'f:spec': { 'f:containers': { 'k:{"name":"a"}': { 'f:tty': {} } } } }, modified: { 'f:spec': { 'f:containers': { 'k:{"name":"a"}': { 'f:image': {} } } } } },
    },
    {
      name: 'a list that appears with two items under one key: all of both added',
      before: { spec: {} },
      after: { spec: { containers: [{ name: 'a', image: '2' }, { name: 'a', tty: true }] } },
      want: { added: { 'f:spec': { 'f:containers': { 'k:{"name":"a"}': { 'f:image': {}, 'f:name': {}, 'f:tty': {}, '.': {} } } } } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = encoded(compare(c.before, c.after, pod));
      assert.deepEqual(got, {
        added: JSON.stringify(c.want.added ?? {}), removed: JSON.stringify(c.want.removed ?? {}), modified: JSON.stringify(c.want.modified ?? {}),
      });
    });
  }

  it('gives the flattening comparison\'s answer for 3 000 random edits of pods and deployments', () => {
    const rand = seeded(7);
    for (let i = 0; i < 3000; i++) {
      const [base, schema] = i % 2 ? [podBase(), pod] : [deploymentBase(), deployment];
      const before = mutate(structuredClone(base), rand, 1 + (i % 4));
      const after = mutate(structuredClone(before), rand, 1 + (i % 5));
      assert.deepEqual(encoded(compare(before, after, schema)), encoded(compareByFlattening(before, after, schema)),
        `case ${i}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    }
  });
});

/** A small deterministic generator (mulberry32), so a failure names a case that can be replayed. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const podBase = (): Obj => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'p', labels: { app: 'web' }, annotations: {}, ownerReferences: [{ uid: 'u1', kind: 'ReplicaSet', name: 'rs' }], finalizers: ['a'] },
  spec: {
    containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }], resources: { requests: { cpu: '1' } } }],
    tolerations: [{ key: 'k', operator: 'Exists' }], nodeSelector: { disk: 'ssd' }, volumes: [{ name: 'v', emptyDir: {} }],
  },
  status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null }], hostIPs: [{ ip: '1.2.3.4' }] },
});

const deploymentBase = (): Obj => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', labels: { app: 'web' } },
  spec: {
    replicas: 2, selector: { matchLabels: { app: 'web' } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
  },
  status: { replicas: 2, conditions: [{ type: 'Available', status: 'True' }] },
});

const VALUES: (() => unknown)[] = [
  () => 'x', () => 'y', () => 1, () => 2, () => true, () => null, () => ({}), () => [], () => undefined,
  () => ({ a: 'x' }), () => ({ name: 'web' }), () => ({ name: 'new', image: 'i' }), () => ['a', 'a'],
  () => ({ type: 'Ready', status: 'True' }), () => ({ containerPort: 80 }), () => ({ ip: '1.2.3.4' }),
];

/** `n` random edits: set, delete, push or duplicate somewhere inside `o`. */
function mutate(o: Obj, rand: () => number, n: number): Obj {
  for (let i = 0; i < n; i++) {
    const containers: (Obj | unknown[])[] = [];
    const collect = (v: unknown) => {
      if (v && typeof v === 'object') {
        containers.push(v as Obj);
        for (const c of Object.values(v)) collect(c);
      }
    };
    collect(o);
    const target = containers[Math.floor(rand() * containers.length)];
    const value = VALUES[Math.floor(rand() * VALUES.length)]();
    if (Array.isArray(target)) {
      const r = rand();
      if (r < 0.3 || target.length === 0) target.push(value);
      else if (r < 0.5) target.push(structuredClone(target[0]));
      else if (r < 0.7) target.splice(Math.floor(rand() * target.length), 1);
      else target[Math.floor(rand() * target.length)] = value;
    } else {
      const keys = Object.keys(target);
      const r = rand();
      const key = r < 0.5 && keys.length ? keys[Math.floor(rand() * keys.length)] : ['name', 'type', 'image', 'labels', 'extra', 'ip', 'containers', 'conditions'][Math.floor(rand() * 8)];
      if (r < 0.15) delete target[key]; else target[key] = value;
    }
  }
  return o;
}
