/**
 * A list + watch cache in the page, as client-go's reflector keeps one: list once, then watch
 * from the list's resourceVersion, re-watch from the last seen version when a stream ends, and
 * list again when the API says that version is gone (410). Views subscribe and re-render; bursts
 * of events are coalesced into one notification per animation-frame-sized slice.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.d.ts';
import { ApiError, request, watchSocket } from './api.ts';

export interface KObject { apiVersion?: string; kind?: string; metadata?: ObjectMeta }
interface List<T> { items: T[]; metadata?: { resourceVersion?: string } }
interface Event<T> { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR'; object: T & { code?: number; message?: string } }

export const keyOf = (o: KObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
const COALESCE_MS = 40;

export class Informer<T extends KObject> {
  readonly path: string;
  readonly items = new Map<string, T>();
  synced = false;
  error: string | undefined;
  /** Changes whenever the items do. */
  version = 0;
  private rv = '';
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private abort = new AbortController();

  constructor(path: string) {
    this.path = path;
    void this.run();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  list(): T[] { return [...this.items.values()]; }

  private changed(now = false) {
    this.version++;
    if (now) { this.flush(); return; }
    this.timer ??= setTimeout(() => this.flush(), COALESCE_MS);
  }

  private flush() {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const fn of this.listeners) fn();
  }

  private async relist() {
    const list = await request<List<T>>('GET', this.path, { signal: this.abort.signal });
    this.items.clear();
    for (const o of list.items) this.items.set(keyOf(o), o);
    this.rv = list.metadata?.resourceVersion ?? '';
    this.synced = true;
    this.error = undefined;
    this.changed(true);
  }

  private async run() {
    let needList = true;
    let delay = 0;
    while (!this.abort.signal.aborted) {
      if (delay) await new Promise((r) => setTimeout(r, delay));
      try {
        if (needList) await this.relist();
        needList = false;
        const sep = this.path.includes('?') ? '&' : '?';
        await watchSocket(`${this.path}${sep}watch=true&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(this.rv)}`,
          (line) => { if (this.apply(JSON.parse(line) as Event<T>)) needList = true; }, this.abort.signal);
        delay = needList ? 0 : 100;
      } catch (e) {
        if (this.abort.signal.aborted) return;
        if (e instanceof ApiError && e.code === 410) { needList = true; delay = 0; continue; }
        this.error = e instanceof Error ? e.message : String(e);
        this.changed(true);
        needList = true;
        delay = Math.min(Math.max(delay * 2, 500), 5000);
      }
    }
  }

  /** Applies one event; true when the cache must be listed again. */
  private apply(ev: Event<T>): boolean {
    if (ev.type === 'ERROR') {
      // 410 Gone and friends: start over from a fresh list; a refusal is shown.
      if (ev.object.code !== 410) { this.error = ev.object.message; this.changed(true); }
      return true;
    }
    const rv = ev.object.metadata?.resourceVersion;
    if (rv) this.rv = rv;
    if (ev.type === 'BOOKMARK') return false;
    const k = keyOf(ev.object);
    if (ev.type === 'DELETED') this.items.delete(k); else this.items.set(k, ev.object);
    this.changed();
    return false;
  }

  stop() { this.abort.abort(); }
}

const shared = new Map<string, Informer<KObject>>();

/** One informer per path for the whole page: views come and go, the caches stay warm. */
export function informer<T extends KObject>(path: string): Informer<T> {
  let i = shared.get(path);
  if (!i) shared.set(path, (i = new Informer<KObject>(path)));
  return i as Informer<T>;
}

export const PATHS = {
  pods: '/api/v1/pods',
  nodes: '/api/v1/nodes',
  events: '/api/v1/events',
  namespaces: '/api/v1/namespaces',
  configmaps: '/api/v1/configmaps',
  secrets: '/api/v1/secrets',
  deployments: '/apis/apps/v1/deployments',
  replicasets: '/apis/apps/v1/replicasets',
} as const;
