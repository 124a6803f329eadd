/**
 * The control-plane thread: controllers, scheduler and simulated nodes (control-plane.ts) on a
 * worker thread of the server process, talking to the API server on the main thread through
 * MessagePorts (src/client/port-transport.ts). Started by control-plane-thread.ts.
 *
 * Messages from the main thread: 'stop'. To it: 'ready' once the components run,
 * 'stopped' when they have, or { error } if they could not start.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { portTransport } from '../client/port-transport.ts';
import { startControlPlane, type ControlPlaneOptions } from './control-plane.ts';

interface Data { options: ControlPlaneOptions; ports: { controllerManager: MessagePort; scheduler: MessagePort; kubelet: MessagePort } }

const { options, ports } = workerData as Data;
const ac = new AbortController();
parentPort!.on('message', (m) => { if (m === 'stop') ac.abort(); });
try {
  // None of these components reads managedFields: they need not cross (see portTransport).
  const lean = { omitManagedFields: true };
  const cp = await startControlPlane({
    controllerManager: portTransport(ports.controllerManager, lean),
    scheduler: portTransport(ports.scheduler, lean),
    kubelet: portTransport(ports.kubelet, lean),
  }, options, ac.signal);
  parentPort!.postMessage('ready');
  await cp.done;
  parentPort!.postMessage('stopped');
} catch (e) {
  if (!ac.signal.aborted) parentPort!.postMessage({ error: (e as Error).stack ?? String(e) });
  // Whatever started before the failure stops with it, so the thread can end.
  ac.abort();
}
for (const p of Object.values(ports)) p.close();
parentPort!.close();
