/**
 * Test wiring for controllers in this folder and namespace/: a real API server in
 * process (memory store), a ControllerContext built as manager.ts builds one, and a
 * `until` that polls with a deadline instead of sleeping.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAPIServer } from '../../apiserver/server.ts';
import { inProcessTransport } from '../../apiserver/rest/in-process.ts';
import { createClient } from '../../client/client.ts';
import { realClock, type Clock } from '../../client/clock.ts';
import { FakeEventRecorder } from '../../client/events.ts';
import { InformerFactory } from '../../client/informer-factory.ts';
import { fakeNames } from '../../client/names.ts';
import type { Transport } from '../../client/transport.ts';
import type { Client } from '../../client/types.ts';
import { DEFAULT_CONTROLLER_OPTIONS, type Controller, type ControllerContext } from '../context.ts';

export interface TestEnv {
  client: Client;
  transport: Transport;
  ctx: ControllerContext;
  logs: string[];
  /** Starts informers, waits for sync, runs the controllers. */
  start(...cs: Controller[]): Promise<void>;
  close(): Promise<void>;
}

/** `clock`: what the controllers and informers run on (the API server keeps real time). */
export async function testEnv(opts: { clock?: Clock } = {}): Promise<TestEnv> {
  const dataDir = mkdtempSync(join(tmpdir(), 'k8ts-ctl-'));
  const srv = await startAPIServer({ dataDir, bindAddress: '127.0.0.1', port: 0, datastore: 'memory:' });
  const transport = inProcessTransport(srv.api);
  const client = createClient(transport);
  const ac = new AbortController();
  const logs: string[] = [];
  const log = (l: string) => { logs.push(l); };
  const clock = opts.clock ?? realClock;
  const informers = new InformerFactory(client, { clock, log });
  const ctx: ControllerContext = {
    client, transport, informers, clock, names: fakeNames(), log,
    recorder: () => new FakeEventRecorder(), options: { ...DEFAULT_CONTROLLER_OPTIONS, workers: 2 },
  };
  const runs: Promise<void>[] = [];
  return {
    client, transport, ctx, logs,
    async start(...cs) {
      informers.start(ac.signal);
      await informers.waitForSync(ac.signal);
      for (const c of cs) runs.push(c.run(ac.signal));
    },
    async close() {
      ac.abort();
      await Promise.all(runs);
      await informers.stopped();
      await srv.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a truthy value or `ms` pass. */
export async function until<T>(what: string, check: () => Promise<T> | T, ms = 5000): Promise<NonNullable<T>> {
  const deadline = performance.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
