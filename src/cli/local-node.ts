/**
 * The server's own node, as k3s runs one beside its control plane: a supervised
 * containerd with our CNI bridge, the images k8ts builds itself, the kubelet, and the
 * kubelet's HTTPS API (logs, and later exec/attach/port-forward). Only wiring lives here.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import type { PKI } from '../apiserver/pki/index.ts';
import { ensureKubeletServingCert } from '../apiserver/pki/index.ts';
import type { Clock } from '../client/clock.ts';
import { newEventRecorder } from '../client/events.ts';
import type { InformerFactory } from '../client/informer-factory.ts';
import { PODS } from '../client/resources.ts';
import type { Client } from '../client/types.ts';
import { buildBuiltinImages, buildBuiltinImagesInMemory, builtinImageRefs } from '../containerd/images.ts';
import { startBuiltinRegistry } from '../containerd/builtin-registry.ts';
import { importImage, listImages } from '../containerd/ctr.ts';
import { watchImagesDir } from '../containerd/image-load.ts';
import { startContainerd, type Containerd } from '../containerd/supervisor.ts';
import { connectCRI } from '../kubelet/cri/client.ts';
import { createKubelet, type Kubelet } from '../kubelet/index.ts';
import { createKubeletServer, criLogPath, type RunningKubeletServer } from '../kubelet/server/index.ts';
import { createStreamHandler } from '../kubelet/streams/index.ts';
import type { CRIClient } from '../kubelet/cri/service.ts';
import { isNotFound } from '../api/errors.ts';

export interface LocalNodeOptions {
  dataDir: string;
  client: Client;
  informers: InformerFactory;
  clock: Clock;
  pki: PKI;
  nodeName: string;
  nodeIP: string;
  /** The kubelet API's port (10250; 0 picks a free one, for tests). */
  kubeletPort: number;
  /** Registry mirrors, e.g. { 'docker.io': 'http://127.0.0.1:5000' }. */
  mirrors?: Record<string, string>;
  log: (line: string) => void;
}

export interface LocalNode {
  kubelet: Kubelet;
  containerd: Containerd;
  run(signal: AbortSignal): Promise<void>;
  /** After `run` returned: stop the pods (k8ts down), the kubelet API and containerd. */
  stop(opts?: { stopPods?: boolean }): Promise<void>;
}

/** A bridge name of our own per data dir (≤ 15 bytes), so clusters on one machine do not share one. */
export const bridgeNameFor = (dataDir: string) => `k8ts${createHash('sha256').update(dataDir).digest('hex').slice(0, 8)}`;

export async function startLocalNode(o: LocalNodeOptions): Promise<LocalNode> {
  // The built-in images are served as docker.io's first mirror, so pulls of them work offline
  // (`--image=nginx` is pulled: its tag is latest); a user's mirrors come next, then upstream.
  const registry = await startBuiltinRegistry(buildBuiltinImagesInMemory);
  const mirrors: Record<string, string[]> = { 'docker.io': [registry.url] };
  for (const [host, url] of Object.entries(o.mirrors ?? {})) (mirrors[host] ??= []).push(url);
  const containerd = await startContainerd({ dataDir: o.dataDir, bridgeName: bridgeNameFor(o.dataDir), mirrors, log: o.log, clock: o.clock });
  await importBuiltinImages(o.dataDir, containerd.socket, o.log);
  // Archives dropped into <data-dir>/images/ are imported while the node runs (k8ts image load does it by hand).
  const imagesDir = watchImagesDir(join(o.dataDir, 'images'), containerd.socket, o.log, { tmpDir: join(o.dataDir, 'tmp') });
  const cri = connectCRI(containerd.socket);
  const podsDir = join(o.dataDir, 'pods');
  mkdirSync(podsDir, { recursive: true });
  const server = await startKubeletAPI(o, podsDir, cri);
  const kubelet = createKubelet({
    client: o.client, informers: o.informers, clock: o.clock, cri, nodeName: o.nodeName, controlPlane: true,
    dataDir: join(o.dataDir, 'kubelet'), podsDir, nodeIP: o.nodeIP, kubeletPort: server.port, log: o.log,
    recorder: newEventRecorder(o.client, 'kubelet', { clock: o.clock, host: o.nodeName, log: o.log }),
    onPodCIDR: async (cidr) => { await containerd.writeCNIConfig(cidr); },
  });
  return {
    kubelet, containerd,
    run: (signal) => kubelet.run(signal),
    async stop({ stopPods = true } = {}) {
      if (stopPods) await kubelet.stopAllPods();
      cri.close();
      imagesDir.close();
      await server.close();
      await containerd.stop();
      await registry.close();
    },
  };
}

/** Imports what containerd lacks of the images k8ts builds (busybox, the web image, nginx stand-ins). */
async function importBuiltinImages(dataDir: string, socket: string, log: (l: string) => void): Promise<void> {
  const have = new Set(await listImages(socket));
  if (builtinImageRefs().every((r) => have.has(r))) return; // a restart: nothing to build or import
  const images = await buildBuiltinImages(join(dataDir, 'images-builtin'));
  for (const img of images) {
    if (img.refs.every((r) => have.has(r))) continue;
    await importImage(socket, img.archive);
    log(`imported ${img.refs.join(', ')}`);
  }
}

async function startKubeletAPI(o: LocalNodeOptions, podsDir: string, cri: CRIClient): Promise<RunningKubeletServer> {
  const serving = await ensureKubeletServingCert(o.pki, o.nodeName, [o.nodeIP, '127.0.0.1']);
  const pods = o.client.resource<Pod>(PODS);
  const podOf = async (ns: string, name: string) => {
    try { return await pods.namespace(ns).get(name); } catch (e) { if (isNotFound(e)) return undefined; throw e; }
  };
  return createKubeletServer({
    port: o.kubeletPort, bindAddress: o.nodeIP,
    tls: { cert: serving.certPem, key: serving.keyPem, ca: o.pki.caCertPem },
    // The CRI log of a container is <pods>/<ns>_<pod>_<uid>/<container>/<restart>.log.
    async findLogFile(ns, name, container, previous) {
      const pod = await podOf(ns, name);
      if (!pod) return { error: `pod "${name}" not found`, code: 404 };
      const st = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])]
        .find((c) => c.name === container);
      const restarts = st?.restartCount ?? 0;
      if (previous && restarts === 0) return { error: `previous terminated container "${container}" in pod "${name}" not found`, code: 400 };
      return criLogPath(podsDir, ns, name, pod.metadata!.uid!, container, previous ? restarts - 1 : restarts);
    },
    async isRunning(ns, name, container) {
      const pod = await podOf(ns, name);
      return !!pod?.status?.containerStatuses?.find((c) => c.name === container)?.state?.running;
    },
    streams: createStreamHandler({ cri, log: o.log }),
    log: o.log,
  });
}
