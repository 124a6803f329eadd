/**
 * Watch streams: one JSON event per line over a chunked 200 response
 * (kubectl-contract §3.2). Headers go out at once; the stream ends at `timeoutSeconds`
 * (default 30–60 min, as the real server's min-request-timeout); bookmarks every minute
 * when asked for; a compacted start revision becomes an ERROR event with a 410 Status.
 */
import { gone, isStatusError, toStatusError } from '../../api/errors.ts';
import type { KObject } from '../../api/meta.ts';
import type { KeyValue } from '../../store/types.ts';
import { encodedWithVersion } from '../registry/codec.ts';
import type { RestRequest } from '../rest/types.ts';
import { intParam, boolParam } from '../rest/query.ts';
import type { Output } from './negotiate.ts';
import { partial, table, type ResourceCall } from './resource.ts';

const BOOKMARK_MS = 60_000;

export async function serveWatch(c: ResourceCall, rr: RestRequest, out: Output): Promise<void> {
  const { req, res, query } = c;
  const timeout = intParam(query, 'timeoutSeconds') ?? Math.round(1800 * (1 + Math.random()));
  const bookmarks = boolParam(query, 'allowWatchBookmarks') ?? false;
  if (rr.name) {
    // GET …/pods/x?watch=true: a watch on one object (as fieldSelector=metadata.name=x).
    const fs = query.get('fieldSelector');
    query.set('fieldSelector', fs ? `${fs},metadata.name=${rr.name}` : `metadata.name=${rr.name}`);
  }
  let watch;
  try {
    watch = await c.api.watch(rr);
  } catch (e) {
    if (!isStatusError(e) || e.code !== 410) throw e;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    res.end(`${JSON.stringify({ type: 'ERROR', object: toStatusError(e).status })}\n`);
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  let first = true;
  const encode = (ev: { type: string; object: KObject; kv?: KeyValue }) => {
    const { type, kv } = ev;
    // JSON: the stored text as it is, with its resourceVersion spliced in (no parse, no stringify).
    if (out === 'json' && kv) return `{"type":"${type}","object":${encodedWithVersion(kv)}}\n`;
    const obj = ev.object;
    let o: unknown = obj;
    if (out === 'table') { o = table(rr.info, [obj], query, { resourceVersion: obj.metadata?.resourceVersion }, !first); first = false; }
    else if (out === 'metadata') o = partial(obj);
    return `${JSON.stringify({ type, object: o })}\n`;
  };
  const timer = setTimeout(() => watch.close(), timeout * 1000);
  const bm = bookmarks ? setInterval(() => {
    res.write(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: rr.info.kind, apiVersion: rr.info.group ? `${rr.info.group}/${rr.info.version}` : rr.info.version, metadata: { resourceVersion: String(watch.lastRevision) } } })}\n`);
  }, BOOKMARK_MS) : undefined;
  // A closed response is how we learn the client went away (req 'close' fires too early).
  res.on('close', () => watch.close());
  try {
    for await (const ev of watch) {
      if (res.destroyed) break;
      res.write(encode(ev));
    }
  } catch (e) {
    // A watcher that fell too far behind is dropped by the store; the client relists on 410.
    const status = gone(`too old resource version: watch fell behind (${(e as Error).message})`).status;
    if (!res.destroyed) res.write(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
  } finally {
    clearTimeout(timer);
    if (bm) clearInterval(bm);
    watch.close();
    if (!res.destroyed) res.end();
  }
  void req;
}
