/**
 * Builds the controllers of kube-controller-manager that k8ts has, over one shared
 * informer factory. The caller registers everything that uses the factory (controllers,
 * scheduler, node agents), then starts the informers, waits for their first sync, and
 * runs each controller (see src/cli/cluster.ts).
 */
import { newEventRecorder } from '../client/events.ts';
import { randomNames, type NameGenerator } from '../client/names.ts';
import type { Clock } from '../client/clock.ts';
import type { InformerFactory } from '../client/informer-factory.ts';
import type { Transport } from '../client/transport.ts';
import type { Client } from '../client/types.ts';
import { DEFAULT_CONTROLLER_OPTIONS, type Controller, type ControllerContext, type ControllerOptions } from './context.ts';
import { CONTROLLERS } from './all.ts';

export interface ManagerDeps {
  client: Client;
  transport: Transport;
  informers: InformerFactory;
  clock: Clock;
  names?: NameGenerator;
  options?: Partial<ControllerOptions>;
  /** Names of controllers to build (default: all). */
  only?: string[];
  log?: (line: string) => void;
}

export function controllerContext(d: ManagerDeps): ControllerContext {
  const log = d.log ?? (() => {});
  return {
    client: d.client, transport: d.transport, informers: d.informers, clock: d.clock, names: d.names ?? randomNames(), log,
    recorder: (component) => newEventRecorder(d.client, component, { clock: d.clock, log }),
    options: { ...DEFAULT_CONTROLLER_OPTIONS, ...d.options },
  };
}

/** Creates the controllers; they register their informers now and do nothing until `run`. */
export function createControllers(d: ManagerDeps): Controller[] {
  const ctx = controllerContext(d);
  return CONTROLLERS.filter((c) => !d.only || d.only.includes(c.name)).map((c) => c.create(ctx));
}
