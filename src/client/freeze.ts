/**
 * Read-only views of cached objects. Informer caches hand the same object to every
 * controller, so a controller that edits one in place corrupts the others' view
 * (client-go's "never mutate cache objects" rule). Here the type says so and the runtime
 * enforces it: cached objects are frozen all the way down, so a write throws a TypeError
 * at once (ESM is strict mode). Copy with `thaw` before changing anything.
 */
import { clone } from '../api/meta.ts';

export type DeepReadonly<T> =
  T extends (infer U)[] ? readonly DeepReadonly<U>[]
    : T extends (...args: never[]) => unknown ? T
      : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
        : T;

export function deepFreeze<T>(v: T): DeepReadonly<T> {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v as DeepReadonly<T>;
}

/** A mutable deep copy of a cached object. */
export const thaw = <T>(v: DeepReadonly<T>): T => clone(v) as T;
