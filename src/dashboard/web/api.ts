/**
 * The page's side of the API: same-origin fetches to the dashboard server, which forwards them
 * with the user's credentials. Failures become `ApiError`s holding the API's own Status, so
 * views can show its message and causes as kubectl would. A 401 asks the app to log in.
 */
import type { Status } from 'kubernetes-types/meta/v1.d.ts';

export class ApiError extends Error {
  readonly status: Status;
  constructor(status: Status) {
    super(status.message ?? `HTTP ${status.code ?? '?'}`);
    this.status = status;
  }
  get code(): number { return this.status.code ?? 0; }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** Called whenever the server says the session is gone (or was never there). */
export const onUnauthorized = (fn: Listener) => { unauthorizedListeners.add(fn); return () => unauthorizedListeners.delete(fn); };

async function fail(res: Response): Promise<never> {
  if (res.status === 401) for (const fn of unauthorizedListeners) fn();
  const text = await res.text();
  let status: Status = { code: res.status, message: text.trim() || res.statusText };
  try {
    const s = JSON.parse(text) as Status;
    if (s && typeof s === 'object') status = { ...s, code: s.code ?? res.status };
  } catch { /* not JSON */ }
  throw new ApiError(status);
}

export interface RequestOptions { body?: unknown; contentType?: string; signal?: AbortSignal }

/** One API call; JSON in, JSON out. Writes carry the header the server requires against cross-site requests. */
export async function request<T = unknown>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-k8ts-dashboard'] = '1';
  let body: string | undefined;
  if (o.body !== undefined) {
    body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
    headers['content-type'] = o.contentType ?? 'application/json';
  }
  const res = await fetch(path, { method, headers, body, signal: o.signal, credentials: 'same-origin' });
  if (!res.ok) return fail(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Reads a streaming answer (watch, followed log) chunk by chunk as text until it ends or `signal` aborts. */
export async function stream(path: string, onText: (s: string) => void, signal: AbortSignal): Promise<void> {
  const res = await fetch(path, { signal, credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!res.ok) return fail(res);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      onText(value);
    }
  } finally {
    reader.releaseLock();
  }
}

/** `stream` split into lines (watch events are one JSON object per line). */
export function streamLines(path: string, onLine: (line: string) => void, signal: AbortSignal): Promise<void> {
  let buf = '';
  return stream(path, (s) => {
    buf += s;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i).trim();
      buf = buf.slice(i + 1);
      if (line) onLine(line);
    }
  }, signal);
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * A watch through the dashboard server's WebSocket relay (one event per message): WebSockets
 * do not use up the browser's six HTTP connections per host, which open watches otherwise would.
 * Resolves when the stream ends; a 401 from the relay's handshake asks the app to log in.
 */
export function watchSocket(path: string, onLine: (line: string) => void, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // (globalThis: this module is also type-checked by the Node project, which has no DOM types.)
    const loc = (globalThis as unknown as { location: { protocol: string; host: string } }).location;
    const ws = new WebSocket(`${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/_dashboard/watch?path=${encodeURIComponent(path)}`);
    let opened = false;
    const stop = () => ws.close();
    signal.addEventListener('abort', stop, { once: true });
    ws.onopen = () => { opened = true; };
    ws.onmessage = (m) => onLine(String(m.data));
    ws.onclose = () => {
      signal.removeEventListener('abort', stop);
      if (opened || signal.aborted) resolve();
      else {
        // The handshake was refused: most likely the session is gone.
        void fetch('/api', { credentials: 'same-origin' }).then((r) => { if (r.status === 401) for (const fn of unauthorizedListeners) fn(); });
        reject(new Error('the watch connection was refused'));
      }
    };
  });
}
