/**
 * The control plane's clients — controllers, scheduler and simulated nodes — wired over three
 * transports (one per component: each is its own flow and field manager on the API server).
 * Runs either on the main thread over in-process transports (tests with a fake clock) or on
 * the control-plane thread over MessagePorts (control-plane-worker.ts), which gives the API
 * server the main thread to itself: kube-controller-manager and kube-scheduler are separate
 * processes in Kubernetes for the same reason.
 */
import { createClient } from '../client/client.ts';
import { realClock, type Clock } from '../client/clock.ts';
import { newEventRecorder } from '../client/events.ts';
import { InformerFactory } from '../client/informer-factory.ts';
import type { Transport } from '../client/transport.ts';
import type { ControllerOptions } from '../controllers/context.ts';
import { createControllers } from '../controllers/manager.ts';
import { createScheduler } from '../scheduler/index.ts';
import { ensureSimulatedNodes, startSimulatedNodes } from '../sim/index.ts';

/** Plain data, so it can cross to a worker thread. */
export interface ControlPlaneOptions {
  /** Simulated nodes to keep (none by default). */
  simulatedNodes?: number;
  simStartDelayMs?: number;
  simLeaseRenewIntervalMs?: number;
  controllers?: Partial<ControllerOptions>;
  verbose?: boolean;
}

export interface ControlPlaneTransports { controllerManager: Transport; scheduler: Transport; kubelet: Transport }

export interface RunningControlPlane {
  /** Informers of the controller manager's client (shared with a kubelet on the same thread). */
  informers: InformerFactory;
  /** Settles when every component has stopped after `signal` aborted. */
  done: Promise<void>;
}

/**
 * Starts the components; resolves once their informers have synced and the simulated nodes
 * exist. `beforeStart` may register more informers on the factory (the real node's kubelet).
 */
export async function startControlPlane(
  t: ControlPlaneTransports, o: ControlPlaneOptions, signal: AbortSignal,
  extra: { clock?: Clock; beforeStart?: (informers: InformerFactory) => Promise<{ name: string; run(s: AbortSignal): Promise<void> }[]> } = {},
): Promise<RunningControlPlane> {
  const clock = extra.clock ?? realClock;
  const log = o.verbose ? (l: string) => console.error(l) : () => {};
  const client = createClient(t.controllerManager);
  const schedulerClient = createClient(t.scheduler);
  const informers = new InformerFactory(client, { clock, log });
  const runnables: { name: string; run(signal: AbortSignal): Promise<void> }[] = [
    ...createControllers({ client, transport: t.controllerManager, informers, clock, options: o.controllers, log }),
    { name: 'scheduler', ...createScheduler({ client: schedulerClient, informers, clock, recorder: newEventRecorder(schedulerClient, 'default-scheduler', { clock, log, correlate: false }), log }) },
    startSimulatedNodes({ client: createClient(t.kubelet), informers, clock, log, startDelayMs: o.simStartDelayMs, leaseRenewIntervalMs: o.simLeaseRenewIntervalMs }),
  ];
  if (extra.beforeStart) runnables.push(...await extra.beforeStart(informers));
  informers.start(signal);
  await informers.waitForSync(signal);
  const done = Promise.all(runnables.map((r) => r.run(signal).catch((e) => console.error(`k8ts: ${r.name} stopped: ${(e as Error).stack ?? e}`))))
    .then(() => informers.stopped());
  if (o.simulatedNodes) await ensureSimulatedNodes(client, o.simulatedNodes, { clock });
  return { informers, done };
}
