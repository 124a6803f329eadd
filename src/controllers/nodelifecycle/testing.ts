/**
 * Test wiring: the real API (memory store) on a FakeClock, so the server's timestamps
 * (deletionTimestamp, creationTimestamp) and the controller's clock agree.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { API } from '../../apiserver/rest/api.ts';
import { inProcessTransport, IN_PROCESS_USER } from '../../apiserver/rest/in-process.ts';
import { createClient } from '../../client/client.ts';
import { FakeClock } from '../../client/clock.ts';
import { FakeEventRecorder } from '../../client/events.ts';
import { InformerFactory } from '../../client/informer-factory.ts';
import { fakeNames } from '../../client/names.ts';
import { NAMESPACES } from '../../client/resources.ts';
import type { Client } from '../../client/types.ts';
import { openStore } from '../../store/index.ts';
import { DEFAULT_CONTROLLER_OPTIONS, type ControllerContext } from '../context.ts';

export interface TestCluster { clock: FakeClock; client: Client; ctx: ControllerContext; events: FakeEventRecorder; close(): Promise<void> }

export async function testCluster(): Promise<TestCluster> {
  const clock = new FakeClock();
  const store = await openStore('memory:');
  const api = new API({ store, clock });
  const transport = inProcessTransport(api, IN_PROCESS_USER, { clock });
  const client = createClient(transport);
  for (const name of ['default', 'kube-node-lease']) await client.resource(NAMESPACES).create({ metadata: { name } });
  const events = new FakeEventRecorder();
  const ctx: ControllerContext = {
    client, transport, clock, names: fakeNames(), log: () => {}, recorder: () => events,
    informers: new InformerFactory(client, { clock }), options: { ...DEFAULT_CONTROLLER_OPTIONS },
  };
  return { clock, client, ctx, events, close: () => store.close() };
}

/** Lets pending promise chains and I/O callbacks run. */
export async function flush(rounds = 20): Promise<void> { for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r)); }

/** Polls `check` until it stops throwing, or rethrows its last error after `ms` of real time. */
export async function eventually<T>(check: () => Promise<T> | T, ms = 3000): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    try { return await check(); } catch (e) {
      if (performance.now() > deadline) throw e;
      await delay(5);
    }
  }
}

/** Advances the fake clock one second at a time, letting the controller react after each. */
export async function advance(clock: FakeClock, seconds: number): Promise<void> {
  for (let i = 0; i < seconds; i++) { clock.step(1000); await flush(); }
}
