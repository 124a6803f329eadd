/**
 * The pod-template-hash: Kubernetes' ComputeHash (pkg/controller/controller_utils.go)
 * is FNV-32a over a deterministic dump of the template, then the collision count as 4
 * little-endian bytes when set, and the decimal hash mapped through rand.SafeEncodeString
 * (apimachinery util/rand). Our dump is canonical JSON (keys sorted, undefined dropped), so
 * values differ from Kubernetes' but depend only on the template and the count.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import { canonicalJSON } from '../../api/apply/path.ts';

/** Consonants and digits that cannot spell words (rand.SafeEncodeString's alphabet). */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The value with empty objects and arrays removed at every level. Go compares and dumps
 * templates as structs, where `resources: {}` and no `resources` are the same zero value
 * (and apimachinery's semantic equality treats nil and empty slices and maps alike);
 * kubectl sends such empties back on `rollout undo`.
 */
export function pruneEmpty(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const a = v.map(pruneEmpty);
    return a.length ? a : undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const p = pruneEmpty(x);
    if (p !== undefined) out[k] = p;
  }
  return Object.keys(out).length ? out : undefined;
}

export function fnv32a(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += SAFE_ALPHABET[ch.codePointAt(0)! % SAFE_ALPHABET.length];
  return out;
}

export function computeHash(template: PodTemplateSpec | DeepReadonly<PodTemplateSpec> | undefined, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJSON(pruneEmpty(template) ?? {})));
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(b, h);
  }
  return safeEncodeString(String(h));
}
