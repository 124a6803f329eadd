/**
 * Starts the control-plane thread (control-plane-worker.ts) and serves its three ports on the
 * API server with in-process transports, one per component (flow, user and field manager).
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { API } from '../apiserver/rest/api.ts';
import { inProcessTransport } from '../apiserver/rest/in-process.ts';
import { servePort } from '../apiserver/rest/port-server.ts';
import type { ControlPlaneOptions } from './control-plane.ts';

const workerFile = fileURLToPath(new URL(`./control-plane-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/** The identity each component acts as, and the user agent that names it as field manager. */
export const COMPONENTS = {
  controllerManager: { user: 'system:kube-controller-manager', userAgent: 'kube-controller-manager' },
  scheduler: { user: 'system:kube-scheduler', userAgent: 'kube-scheduler' },
  kubelet: { user: 'system:node:simulated', userAgent: 'kubelet' },
} as const;

export interface ControlPlaneThread { stop(): Promise<void> }

export async function startControlPlaneThread(api: API, options: ControlPlaneOptions): Promise<ControlPlaneThread> {
  const closers: (() => void)[] = [];
  const ports = Object.fromEntries(Object.entries(COMPONENTS).map(([name, c]) => {
    const ch = new MessageChannel();
    const t = inProcessTransport(api, { name: c.user, groups: ['system:masters', 'system:authenticated'] }, { userAgent: c.userAgent, storedResults: true });
    closers.push(servePort(ch.port1, t), () => ch.port1.close());
    return [name, ch.port2];
  }));
  const worker = new Worker(workerFile, { workerData: { options, ports }, transferList: Object.values(ports) });
  const exited = new Promise<void>((r) => worker.once('exit', () => r()));
  const stopPorts = () => { for (const c of closers) c(); };
  let stopping = false;
  await new Promise<void>((resolve, reject) => {
    const fail = (e: Error) => { stopping = true; stopPorts(); void worker.terminate(); reject(e); };
    worker.on('message', (m) => {
      if (m === 'ready') resolve();
      else if (m && typeof m === 'object' && 'error' in m) fail(new Error(`the control plane did not start: ${m.error}`));
    });
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the control-plane thread exited (${code}) before it was ready`)));
  });
  worker.on('error', (e: Error) => console.error(`k8ts: control-plane thread: ${e.stack ?? e}`));
  // Without its controllers the cluster only looks alive: end the process, as k3s does when
  // its controllers die (every acknowledged write is committed; a restart resumes).
  worker.once('exit', (code) => {
    if (stopping) return;
    console.error(`k8ts: the control-plane thread ended (exit code ${code}); stopping the server`);
    process.exit(1);
  });
  return {
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 10_000);
      await exited;
      clearTimeout(timer);
      stopPorts();
    },
  };
}
