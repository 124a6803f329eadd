/**
 * JSON Merge Patch (RFC 7386): objects merge recursively, `null` deletes a key, anything
 * else (lists included) replaces. Kubernetes applies it with evanphx/json-patch MergePatch.
 */
import { clone } from '../meta.ts';
import { isObject } from './json-value.ts';

/** Returns the patched document; neither input is mutated and the result shares nothing with them. */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  return mergeInto(clone(doc), patch);
}

function mergeInto(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const out = isObject(target) ? target : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergeInto(out[k], v);
  }
  return out;
}
