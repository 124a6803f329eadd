/**
 * postStart and preStop hooks (pkg/kubelet/lifecycle/handlers.go): exec through CRI ExecSync,
 * httpGet from the node to the pod IP (only a failed request fails the hook, not the status
 * code), sleep for its seconds. Answers undefined on success, else the message Kubernetes puts
 * in the FailedPostStartHook/FailedPreStopHook event.
 */
import type { Container, LifecycleHandler, Pod } from 'kubernetes-types/core/v1.d.ts';
import type { Clock } from '../../client/clock.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { CRIClient } from '../cri/service.ts';
import { execHandler, resolvePort } from '../prober/handler.ts';
import { httpProbe, probeURL } from '../prober/http.ts';
import { podDesc } from './plan.ts';

type RO<T> = DeepReadonly<T>;

export interface HookTarget {
  cri: CRIClient;
  clock: Clock;
  pod: RO<Pod>;
  container: RO<Container>;
  containerId: string;
  podIP?: string;
  /** The longest the hook may take (preStop: the grace period); 0 = no limit. */
  timeoutSeconds: number;
}

/** Go's %v of a string slice: [sh -c exit 1]. */
const goList = (l: readonly string[]) => `[${l.join(' ')}]`;

export async function runHook(h: RO<LifecycleHandler>, t: HookTarget): Promise<string | undefined> {
  const who = `for Container "${t.container.name}" in Pod "${podDesc(t.pod)}"`;
  if (h.exec) {
    const cmd = h.exec.command ?? [];
    const r = await execHandler({ cri: t.cri, containerId: t.containerId, container: t.container }, cmd, t.timeoutSeconds);
    if (r.result === 'success') return undefined;
    const err = r.result === 'error' ? r.output : `command '${cmd.join(' ')}' exited with non-zero status`;
    return `Exec lifecycle hook (${goList(cmd)}) ${who} failed - error: ${err}, message: ${JSON.stringify(r.output)}`;
  }
  if (h.httpGet) {
    const port = resolvePort(h.httpGet.port as number | string, t.container);
    const host = h.httpGet.host || t.podIP || '';
    const path = h.httpGet.path ?? '/';
    if (port instanceof Error) return `HTTP lifecycle hook (${path}) ${who} failed - error: ${port.message}`;
    const scheme = (h.httpGet.scheme ?? 'HTTP') as 'HTTP' | 'HTTPS';
    const r = await httpProbe({ scheme, host, port, path, headers: h.httpGet.httpHeaders ?? [], timeoutMs: (t.timeoutSeconds || 30) * 1000 });
    if (r.result === 'success' || r.output.startsWith('HTTP probe failed with statuscode')) return undefined;
    return `HTTP lifecycle hook (${probeURL({ scheme, host, port, path }).replace(/^[a-z]+:\/\/[^/]+/, '')}) ${who} failed - error: ${r.output}`;
  }
  if (h.sleep) {
    const s = t.timeoutSeconds > 0 ? Math.min(h.sleep.seconds, t.timeoutSeconds) : h.sleep.seconds;
    await t.clock.sleep(s * 1000);
    return undefined;
  }
  return `Lifecycle hook ${who} has no handler`;
}
