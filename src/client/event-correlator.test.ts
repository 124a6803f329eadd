import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventCorrelator, type Correlation, type EventFacts } from './event-correlator.ts';

const rs = (name: string) => ({ kind: 'ReplicaSet', apiVersion: 'apps/v1', namespace: 'default', name, uid: `uid-${name}` });
const created = (name: string, i: number): EventFacts =>
  ({ ref: rs(name), type: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${name}-${i}`, component: 'replicaset-controller', host: '' });

/** Runs events through a correlator as the recorder does (each new event offered a fresh name), returning what each asked for. */
function run(c: EventCorrelator, events: { e: EventFacts; atMs: number }[]): string[] {
  return events.map(({ e, atMs }, i) => {
    const r: Correlation = c.correlate(e, atMs, () => ({ name: `ev${i}`, timestamp: `t${i}` }));
    return r.action === 'skip' ? 'skip' : `${r.action} ${r.name} count=${r.count}: ${r.message}`;
  });
}

test('event correlation as client-go does it', () => {
  const cases: { name: string; events: { e: EventFacts; atMs: number }[]; want: (got: string[]) => void }[] = [
    {
      name: 'a repeat patches the stored event with the next count',
      events: [0, 1, 2].map((i) => ({ e: created('web', 0), atMs: i * 1000 })),
      want: (got) => assert.deepEqual(got, ['create ev0 count=1: Created pod: web-0', 'patch ev0 count=2: Created pod: web-0', 'patch ev0 count=3: Created pod: web-0']),
    },
    {
      name: 'the 10th similar event starts one combined event; later ones patch it; the spam filter stops at 25',
      events: Array.from({ length: 40 }, (_, i) => ({ e: created('web', i), atMs: i })),
      want: (got) => {
        assert.deepEqual(got.slice(0, 9), Array.from({ length: 9 }, (_, i) => `create ev${i} count=1: Created pod: web-${i}`));
        assert.equal(got[9], 'create ev9 count=1: (combined from similar events): Created pod: web-9');
        assert.equal(got[10], 'patch ev9 count=2: (combined from similar events): Created pod: web-10');
        assert.equal(got[24], 'patch ev9 count=16: (combined from similar events): Created pod: web-24');
        assert.deepEqual(got.slice(25), Array(15).fill('skip'));
      },
    },
    {
      name: 'the bucket refills one event per 5 minutes; the combined event counts the dropped ones too',
      events: [...Array.from({ length: 26 }, (_, i) => ({ e: created('web', i), atMs: i })), { e: created('web', 99), atMs: 300_030 }],
      want: (got) => {
        assert.equal(got[25], 'skip');
        assert.equal(got[26], 'patch ev9 count=18: (combined from similar events): Created pod: web-99');
      },
    },
    {
      name: 'similar events more than 10 minutes apart start counting again',
      events: Array.from({ length: 12 }, (_, i) => ({ e: created('web', i), atMs: i * 600_001 })),
      want: (got) => assert.ok(got.every((g) => g.startsWith('create') && !g.includes('combined')), got.join('\n')),
    },
    {
      name: 'an event the spam filter dropped is still logged: its next occurrence patches (and recreates) it with count 2',
      events: [...Array.from({ length: 25 }, (_, i) => ({ e: { ...created('web', 0), reason: `R${i}` }, atMs: i })),
        { e: created('web', 1), atMs: 30 }, { e: created('web', 1), atMs: 300_030 }],
      want: (got) => assert.deepEqual(got.slice(25), ['skip', 'patch ev25 count=2: Created pod: web-1']),
    },
    {
      name: 'objects are counted apart: two ReplicaSets each get their own events and bucket',
      events: Array.from({ length: 30 }, (_, i) => ({ e: created(i % 2 ? 'a' : 'b', i), atMs: i })),
      want: (got) => assert.equal(got.filter((g) => g === 'skip').length, 0),
    },
  ];
  for (const c of cases) c.want(run(new EventCorrelator(), c.events));
});

test('without combining (kube-scheduler), similar events stay apart and nothing is dropped', () => {
  const got = run(new EventCorrelator({ combine: false }), Array.from({ length: 40 }, (_, i) => ({ e: created('web', i), atMs: i })));
  assert.equal(got.length, 40);
  assert.ok(got.every((g, i) => g === `create ev${i} count=1: Created pod: web-${i}`));
});
