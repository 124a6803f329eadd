import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Event } from 'kubernetes-types/core/v1.d.ts';
import { StatusError } from '../api/errors.ts';
import { createClient } from './client.ts';
import { FakeClock } from './clock.ts';
import { newEventRecorder } from './events.ts';
import type { Transport, TransportRequest } from './transport.ts';

/** A server stand-in at the process edge: holds every request until released. */
function heldTransport() {
  const held: { req: TransportRequest; release: () => void }[] = [];
  const transport: Transport = {
    request: (req) => new Promise((resolve) => held.push({ req, release: () => resolve({ code: 201, body: req.body }) })),
    watch: () => { throw new Error('not used'); },
  };
  return { transport, held };
}

const pod = (name: string) => ({ kind: 'Pod', apiVersion: 'v1', metadata: { name, namespace: 'ns', uid: `uid-${name}` } });
const settle = () => new Promise<void>((r) => setImmediate(r));

test('an event recorder writes a few events at a time and drops new ones while its queue is full', async () => {
  const { transport, held } = heldTransport();
  const logs: string[] = [];
  const rec = newEventRecorder(createClient(transport), 'test', { clock: new FakeClock(), concurrency: 2, maxQueued: 3, log: (l) => logs.push(l) });
  for (let i = 0; i < 8; i++) rec.event(pod(`p${i}`), 'Normal', 'Reason', `message ${i}`);
  await settle();
  // Two in flight, three waiting, three dropped.
  assert.deepEqual(held.map((h) => (h.req.body as Event).involvedObject.name), ['p0', 'p1']);
  assert.equal(logs.length, 1);
  assert.match(logs[0], /1 dropped/);
  for (let done = 0; done < held.length; done++) { held[done].release(); await settle(); await settle(); }
  assert.deepEqual(held.map((h) => (h.req.body as Event).involvedObject.name), ['p0', 'p1', 'p2', 'p3', 'p4']);
  assert.ok(held.every((h) => h.req.verb === 'create' && h.req.resource.plural === 'events'));
});

/** A server stand-in at the process edge keeping events in memory, answering a turn later. */
function memoryTransport() {
  const stored = new Map<string, Event>();
  const turn = () => new Promise<void>((r) => setImmediate(r));
  const transport: Transport = {
    request: async (req) => {
      await turn();
      if (req.verb === 'create') {
        const ev = req.body as Event;
        if (stored.has(ev.metadata!.name!)) throw new StatusError({ code: 409, reason: 'AlreadyExists', message: 'exists' });
        stored.set(ev.metadata!.name!, structuredClone(ev));
        return { code: 201, body: ev };
      }
      if (req.verb === 'patch') {
        const ev = stored.get(req.name!);
        if (!ev) throw new StatusError({ code: 404, reason: 'NotFound', message: `events "${req.name}" not found` });
        Object.assign(ev, req.body);
        return { code: 200, body: ev };
      }
      throw new Error(`not used: ${req.verb}`);
    },
    watch: () => { throw new Error('not used'); },
  };
  return { transport, stored };
}

test('events recorded at once keep their order per event: one stored event, its count complete', async () => {
  const { transport, stored } = memoryTransport();
  const rec = newEventRecorder(createClient(transport), 'test', { clock: new FakeClock() });
  for (let i = 0; i < 6; i++) rec.event(pod('p'), 'Warning', 'BackOff', 'Back-off restarting failed container');
  for (let i = 0; i < 30; i++) rec.event(pod('rs'), 'Normal', 'SuccessfulCreate', `Created pod: rs-${i}`);
  await eventually(() => [...stored.values()].some((e) => e.count === 6) && [...stored.values()].some((e) => e.count === 16));
  const backOff = [...stored.values()].filter((e) => e.reason === 'BackOff');
  assert.deepEqual(backOff.map((e) => e.count), [6]);
  const created = [...stored.values()].filter((e) => e.reason === 'SuccessfulCreate');
  // 9 single events, then one combined event counting the rest up to the spam filter's 25.
  assert.equal(created.length, 10);
  assert.deepEqual(created.filter((e) => e.message!.startsWith('(combined from similar events): ')).map((e) => e.count), [16]);
});

test('an event that vanished is made again under its name, with its count and first time', async () => {
  const { transport, stored } = memoryTransport();
  const clock = new FakeClock(Date.UTC(2026, 0, 1));
  const rec = newEventRecorder(createClient(transport), 'test', { clock });
  rec.event(pod('p'), 'Warning', 'BackOff', 'again');
  await eventually(() => stored.size === 1);
  const [name, first] = [...stored.entries()][0];
  stored.clear(); // the event's TTL ran out
  clock.step(60_000);
  rec.event(pod('p'), 'Warning', 'BackOff', 'again');
  await eventually(() => stored.size === 1);
  const again = stored.get(name)!;
  assert.equal(again.count, 2);
  assert.equal(again.firstTimestamp, first.firstTimestamp);
  assert.equal(again.lastTimestamp, '2026-01-01T00:01:00Z');
});

async function eventually(pred: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!pred()) {
    if (Date.now() > deadline) assert.fail('timed out');
    await new Promise((r) => setImmediate(r));
  }
}
