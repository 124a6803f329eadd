/**
 * The in-process transport's server side: a `Transport` (src/client/transport.ts) that
 * calls the REST layer (`API`) directly, for controllers, the scheduler and simulated
 * nodes running inside the server process. It skips only HTTP: requests still go through
 * decoding checks, defaulting, admission and validation, which all live in `API`.
 *
 * No mutable object crosses the boundary by reference: the REST layer copies request bodies
 * before it changes anything, and results
 * are objects the registry decoded for this call alone, so a caller that keeps or changes one
 * cannot reach into the server, and vice versa. Watch events carry deep-frozen objects shared
 * by every watcher of the event (registry/codec.ts sharedObject), which is what informers keep
 * in their caches anyway. No client-side
 * QPS limit applies here (client-go's limiter exists to protect a remote server).
 * Watches behave as the HTTP watch does (src/apiserver/http/watch.ts): a compacted start
 * revision or a watcher dropped for falling behind is an ERROR event with a 410 Status,
 * `timeoutSeconds` ends the stream, and `allowWatchBookmarks` adds a BOOKMARK each minute.
 */
import { gone, isStatusError, StatusError } from '../../api/errors.ts';
import type { KObject } from '../../api/meta.ts';
import { groupVersion, resourceFor } from '../../api/resources.ts';
import { realClock, type Clock } from '../../client/clock.ts';
import type { Transport, TransportRequest, TransportResponse, WatchEvent, WatchStream } from '../../client/transport.ts';
import type { API } from './api.ts';
import { FairTurns } from './fair-turns.ts';
import { plainResult } from '../registry/codec.ts';
import type { RestRequest, UserInfo } from './types.ts';

/** The identity in-process components act as unless told otherwise. */
export const IN_PROCESS_USER: UserInfo = { name: 'system:k8ts-in-process', groups: ['system:masters', 'system:authenticated'] };
const USER_AGENT = 'k8ts-in-process';
const BOOKMARK_MS = 60_000;

export interface InProcessOptions {
  /** Times watch timeouts and bookmarks. */
  clock?: Clock;
  /** Sent as the user agent (it names the default field manager). */
  userAgent?: string;
  /**
   * Results of writes are handed out as the registry returned them (they may hold `undefined`
   * members), for a caller that sends their stored text on (port-server.ts), not the object.
   */
  storedResults?: boolean;
}

/** One set of turns per API server, shared by all its in-process transports. */
const turnsOf = new WeakMap<API, FairTurns>();

/** Each transport is its own flow: give each component its own so none crowds out the others. */
export function inProcessTransport(api: API, user: UserInfo = IN_PROCESS_USER, opts: InProcessOptions = {}): Transport {
  const clock = opts.clock ?? realClock;
  const turns = turnsOf.get(api) ?? new FairTurns();
  turnsOf.set(api, turns);
  const flow = {};
  const toRest = (r: TransportRequest): RestRequest => {
    const info = resourceFor(r.resource.group, r.resource.version, r.resource.plural);
    if (!info) throw new StatusError({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource', details: {} });
    const rr: RestRequest = {
      verb: r.verb, info, namespace: info.namespaced ? r.namespace : undefined, name: r.name,
      subresource: r.subresource, query: new URLSearchParams(r.query), user,
    };
    if (r.verb === 'patch') {
      const raw = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
      rr.patch = { type: r.patchType ?? 'application/merge-patch+json', raw: Buffer.from(raw) };
    } else if (r.body !== undefined) {
      // Not copied: the REST layer never changes a request body (it works on its own copies).
      rr.body = r.body;
    }
    return rr;
  };

  return {
    async request(r): Promise<TransportResponse> {
      const rr = toRest(r);
      // A real network hop gives the event loop a turn; this is ours (see fair-turns.ts).
      await turns.turn(flow);
      if (r.verb === 'list') {
        const l = await api.list(rr);
        const metadata = { resourceVersion: l.resourceVersion, ...(l.continue ? { continue: l.continue } : {}), ...(l.remainingItemCount !== undefined ? { remainingItemCount: l.remainingItemCount } : {}) };
        // The registry decodes fresh objects for every call: nothing here is shared with the server.
        return { code: 200, body: { kind: l.kind, apiVersion: l.apiVersion, metadata, items: l.items } };
      }
      if (r.verb === 'get' && !r.name) throw new StatusError({ code: 405, reason: 'MethodNotAllowed', message: 'get needs a name (use list)' });
      const res = await api.handle(rr, opts.userAgent ?? USER_AGENT);
      const body = r.discardBody ? undefined : opts.storedResults ? res.object : plainResult(res.object);
      return { code: res.code, body, warnings: res.warnings?.length ? [...res.warnings] : undefined };
    },
    watch: (r) => openWatch(api, toRest({ ...r, verb: 'list' }), clock),
  };
}

async function openWatch(api: API, rr: RestRequest, clock: Clock): Promise<WatchStream> {
  rr.verb = 'watch';
  const q = rr.query;
  if (rr.name) {
    const fs = q.get('fieldSelector');
    q.set('fieldSelector', fs ? `${fs},metadata.name=${rr.name}` : `metadata.name=${rr.name}`);
  }
  let closed = false;
  const cancels: (() => void)[] = [];
  let w: Awaited<ReturnType<API['watch']>> | undefined;
  let startError: StatusError | undefined;
  try {
    w = await api.watch(rr);
  } catch (e) {
    if (!isStatusError(e) || e.code !== 410) throw e;
    startError = e;
  }
  const close = () => { closed = true; w?.close(); for (const c of cancels.splice(0)) c(); wake?.(); };
  const timeout = Number(q.get('timeoutSeconds') ?? 0);
  if (timeout > 0) cancels.push(clock.after(timeout * 1000, close));
  const kind = rr.info.kind;
  const apiVersion = groupVersion(rr.info);
  const pending: WatchEvent[] = [];
  let wake: (() => void) | undefined;
  if (w && q.get('allowWatchBookmarks') === 'true') {
    const tick = () => {
      pending.push({ type: 'BOOKMARK', object: { kind, apiVersion, metadata: { resourceVersion: String(w!.lastRevision) } } });
      wake?.();
      cancels.push(clock.after(BOOKMARK_MS, tick));
    };
    cancels.push(clock.after(BOOKMARK_MS, tick));
  }

  async function* events(): AsyncGenerator<WatchEvent> {
    if (startError) { yield { type: 'ERROR', object: structuredClone(startError.status) }; return; }
    const it = w![Symbol.asyncIterator]();
    // Bookmarks arrive on the clock while the store iterator waits, so race the two.
    let next: Promise<IteratorResult<{ type: string; object: KObject }>> | undefined;
    try {
      while (!closed) {
        next ??= it.next();
        const woke = new Promise<'wake'>((res) => { wake = () => res('wake'); });
        const r = pending.length ? 'wake' : await Promise.race([next, woke]);
        wake = undefined;
        if (r === 'wake') { while (pending.length && !closed) yield pending.shift()!; continue; }
        next = undefined;
        if (r.done) return;
        // Frozen and shared with the other watchers of this event: read it, copy it to change it.
        yield r.value as WatchEvent;
      }
    } catch (e) {
      if (closed) return;
      yield { type: 'ERROR', object: gone(`too old resource version: watch fell behind (${(e as Error).message})`).status };
    } finally {
      close();
    }
  }
  const gen = events();
  return { close, [Symbol.asyncIterator]: () => gen };
}

