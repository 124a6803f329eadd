/**
 * pods/log: pick the container, check it has logs, find the node's kubelet and stream its
 * `/containerLogs` answer back (chunked text/plain), ending when either side closes. A pod
 * not yet on a node answers 204 with no body, as LogLocation's empty location does.
 */
import { request } from 'node:https';
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { badRequest } from '../../api/errors.ts';
import type { StreamRequest } from '../http/streams.ts';
import { logUnavailable, pickContainer } from './container.ts';
import { kubeletError } from './kubelet-response.ts';
import { kubeletLogQuery } from './log-query.ts';
import type { KubeletTarget } from './target.ts';

export function logHandler(target: KubeletTarget) {
  return async (r: StreamRequest): Promise<void> => {
    const res = r.res;
    if (!res) throw badRequest('pods/log is not an upgrade request');
    const pod = r.pod as Pod;
    const name = pod.metadata?.name ?? '';
    const ns = pod.metadata?.namespace ?? '';
    const container = pickContainer(pod, r.query.get('container'));
    const query = kubeletLogQuery(r.query, name);
    if (!pod.spec?.nodeName) { res.writeHead(204); res.end(); return; }
    const why = logUnavailable(pod, container, query.get('previous') === 'true');
    if (why) throw badRequest(why);
    const { base, tls } = await target(pod.spec.nodeName);
    const url = new URL(`/containerLogs/${encodeURIComponent(ns)}/${encodeURIComponent(name)}/${encodeURIComponent(container)}`, base);
    url.search = query.toString();
    await new Promise<void>((resolve, reject) => {
      const up = request(url, { ...tls, method: 'GET', headers: { 'User-Agent': 'k8ts-apiserver' } }, (kres) => {
        const code = kres.statusCode ?? 500;
        if (code < 200 || code > 206) {
          let body = '';
          kres.setEncoding('utf8');
          kres.on('data', (d: string) => { body += d; });
          kres.on('end', () => reject(kubeletError(code, body, 'pods/log', name)));
          kres.on('error', reject);
          return;
        }
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
        res.flushHeaders();
        kres.pipe(res);
        kres.on('end', resolve);
        kres.on('error', () => { res.destroy(); resolve(); });
        kres.on('aborted', () => { res.destroy(); resolve(); });
      });
      // The client went away (kubectl logs -f interrupted): stop reading from the kubelet.
      res.on('close', () => { up.destroy(); resolve(); });
      up.on('error', (e) => { if (res.headersSent) { res.destroy(); resolve(); } else reject(badRequest(`Get "${url.href}": ${e.message}`)); });
      up.end();
    });
  };
}
