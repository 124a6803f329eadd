// Preact hooks over the shared informers, the clock and the address bar's route.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { informer, type KObject } from './informer.ts';

export interface Listed<T> { items: T[]; synced: boolean; error: string | undefined }

/** The live items at `path` (a list + watch shared with every other view asking for it). */
export function useList<T extends KObject>(path: string): Listed<T> {
  const inf = informer<T>(path);
  const [version, setVersion] = useState(inf.version);
  useEffect(() => {
    setVersion(inf.version);
    return inf.subscribe(() => setVersion(inf.version));
  }, [inf]);
  const items = useMemo(() => inf.list(), [inf, version]);
  return { items, synced: inf.synced, error: inf.error };
}

/** The current time, ticking so that ages move on. */
export function useNow(everyMs = 5000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

export interface Route { parts: string[]; query: URLSearchParams }

function parseHash(): Route {
  const h = location.hash.replace(/^#\/?/, '');
  const [p, q] = h.split('?');
  return { parts: p.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q ?? '') };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(parseHash);
  useEffect(() => {
    const on = () => setRoute(parseHash());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

export const go = (path: string) => { location.hash = `#/${path}`; };
