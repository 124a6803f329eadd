/**
 * Runs the controllers of kube-controller-manager that k8ts has, sharing one informer
 * factory: register every controller first (so their informers exist), then start the
 * informers, wait for their first sync, then run the controllers.
 */
import { createClient } from '../client/client.ts';
import { newEventRecorder } from '../client/events.ts';
import { InformerFactory } from '../client/informer-factory.ts';
import { randomNames } from '../client/names.ts';
import { realClock, type Clock } from '../client/clock.ts';
import type { Transport } from '../client/transport.ts';
import { DEFAULT_CONTROLLER_OPTIONS, type Controller, type ControllerContext, type ControllerOptions } from './context.ts';
import { CONTROLLERS } from './all.ts';

export interface ManagerOptions {
  transport: Transport;
  clock?: Clock;
  options?: Partial<ControllerOptions>;
  /** Names of controllers to run (default: all). */
  only?: string[];
  log?: (line: string) => void;
}

export async function startControllers(o: ManagerOptions, signal: AbortSignal): Promise<{ done: Promise<void>; controllers: Controller[] }> {
  const client = createClient(o.transport);
  const clock = o.clock ?? realClock;
  const log = o.log ?? (() => {});
  const informers = new InformerFactory(client, { clock, log });
  const ctx: ControllerContext = {
    client, informers, clock, names: randomNames(), log,
    recorder: (component) => newEventRecorder(client, component, { clock, log }),
    options: { ...DEFAULT_CONTROLLER_OPTIONS, ...o.options },
  };
  const controllers = CONTROLLERS.filter((c) => !o.only || o.only.includes(c.name)).map((c) => c.create(ctx));
  informers.start(signal);
  await informers.waitForSync(signal);
  const done = Promise.all(controllers.map((c) => c.run(signal).catch((e) => log(`controller ${c.name} stopped: ${(e as Error).stack ?? e}`)))).then(() => {});
  return { done, controllers };
}
