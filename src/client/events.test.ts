import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Event } from 'kubernetes-types/core/v1.d.ts';
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
