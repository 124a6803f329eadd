/**
 * Finds the runtime ids behind a streaming URL's names by the labels the kubelet put on its
 * sandboxes and containers (labels.ts): the running instance of a container, the ready sandbox
 * of a pod. The kubelet proper looks in its pod cache (GetPodByName + runtime pod); asking the
 * runtime keeps the streaming code free of the pod workers.
 */
import type { CRIClient } from '../cri/service.ts';
import { CONTAINER_NAME_LABEL, POD_NAME_LABEL, POD_NAMESPACE_LABEL } from '../labels.ts';

export type Lookup = { id: string } | { error: string; code: number };

export async function findContainer(cri: CRIClient, ns: string, pod: string, container: string): Promise<Lookup> {
  const labelSelector = { [POD_NAMESPACE_LABEL]: ns, [POD_NAME_LABEL]: pod, [CONTAINER_NAME_LABEL]: container };
  const { containers } = await cri.runtime.listContainers({ filter: { labelSelector } });
  const running = containers.filter((c) => c.state === 'CONTAINER_RUNNING').sort((a, b) => b.createdAt - a.createdAt);
  if (running[0]) return { id: running[0].id };
  if (containers.length) return { error: `container ${container} is not running`, code: 400 };
  return { error: `container not found ("${container}")`, code: 404 };
}

export async function findSandbox(cri: CRIClient, ns: string, pod: string): Promise<Lookup> {
  const labelSelector = { [POD_NAMESPACE_LABEL]: ns, [POD_NAME_LABEL]: pod };
  const { items } = await cri.runtime.listPodSandbox({ filter: { labelSelector } });
  const ready = items.filter((s) => s.state === 'SANDBOX_READY').sort((a, b) => b.createdAt - a.createdAt);
  if (ready[0]) return { id: ready[0].id };
  return { error: `pod ${ns}/${pod} has no running sandbox on this node`, code: 404 };
}
