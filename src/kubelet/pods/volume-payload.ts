/**
 * The files of configMap, secret, downwardAPI and projected volumes, as the kubelet's plugins compute them
 * before the atomic write (pkg/volume/configmap, secret, downwardapi, projected: MakePayload / CollectData):
 * every key (data and binaryData) or only `items` (each `key` → `path`, its own `mode` or the volume's
 * `defaultMode`); a missing object or key is an error unless `optional`.
 */
import type { DownwardAPIVolumeFile, KeyToPath, Pod, Volume } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { Payload } from './atomic-writer.ts';
import { fieldRefValue, resourceFieldValue, type PodRuntimeFacts } from './env.ts';
import type { ObjectData, ObjectSources } from './sources.ts';

type RO<T> = DeepReadonly<T>;
const DEFAULT_MODE = 0o644;

export class VolumeError extends Error {}

/** What a payload computation may warn about (e.g. a projected source we do not support). */
export type PayloadWarn = (reason: string, message: string) => void;

export function keysPayload(
  data: ObjectData | undefined, items: readonly RO<KeyToPath>[] | undefined, defaultMode: number, optional: boolean,
  kind: 'configmap' | 'secret', name: string,
): Payload {
  const out: Payload = new Map();
  if (!data) {
    if (optional) return out;
    throw new VolumeError(`${kind} "${name}" not found`);
  }
  if (!items?.length) {
    for (const [k, v] of data) out.set(k, { data: v, mode: defaultMode });
    return out;
  }
  for (const it of items) {
    const v = data.get(it.key);
    if (v === undefined) {
      if (optional) continue;
      throw new VolumeError(kind === 'configmap' ? `configmap references non-existent config key: ${it.key}` : `references non-existent secret key: ${it.key}`);
    }
    out.set(it.path, { data: v, mode: it.mode ?? defaultMode });
  }
  return out;
}

/** Labels or annotations as a file: sorted `key="value"` lines, values quoted. */
export function formatMap(m: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(m ?? {}).sort().map((k) => `${k}=${JSON.stringify(m![k])}`).join('\n');
}

export function downwardPayload(pod: RO<Pod>, items: readonly RO<DownwardAPIVolumeFile>[] | undefined, defaultMode: number, f: PodRuntimeFacts): Payload {
  const out: Payload = new Map();
  for (const it of items ?? []) {
    let v: string;
    if (it.fieldRef) {
      const p = it.fieldRef.fieldPath;
      if (p === 'metadata.labels') v = formatMap(pod.metadata?.labels as Record<string, string>);
      else if (p === 'metadata.annotations') v = formatMap(pod.metadata?.annotations as Record<string, string>);
      else v = fieldRefValue(pod, p, f);
    } else if (it.resourceFieldRef) {
      const rf = it.resourceFieldRef;
      const c = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((x) => x.name === rf.containerName);
      if (!c) throw new VolumeError(`container ${rf.containerName} not found`);
      v = resourceFieldValue(c, rf.resource, rf.divisor as string | undefined, f);
    } else continue;
    out.set(it.path, { data: v, mode: it.mode ?? defaultMode });
  }
  return out;
}

/** The payload of an atomic-writer volume, or undefined for other kinds. */
export async function volumePayload(
  pod: RO<Pod>, v: RO<Volume>, sources: ObjectSources, f: PodRuntimeFacts, warn: PayloadWarn,
): Promise<Payload | undefined> {
  const ns = pod.metadata?.namespace ?? 'default';
  if (v.configMap) {
    const name = v.configMap.name ?? '';
    return keysPayload(await sources.configMap(ns, name), v.configMap.items, v.configMap.defaultMode ?? DEFAULT_MODE, !!v.configMap.optional, 'configmap', name);
  }
  if (v.secret) {
    const name = v.secret.secretName ?? '';
    return keysPayload(await sources.secret(ns, name), v.secret.items, v.secret.defaultMode ?? DEFAULT_MODE, !!v.secret.optional, 'secret', name);
  }
  if (v.downwardAPI) return downwardPayload(pod, v.downwardAPI.items, v.downwardAPI.defaultMode ?? DEFAULT_MODE, f);
  if (!v.projected) return undefined;
  const mode = v.projected.defaultMode ?? DEFAULT_MODE;
  const out: Payload = new Map();
  for (const s of v.projected.sources ?? []) {
    let part: Payload = new Map();
    if (s.configMap) {
      const name = s.configMap.name ?? '';
      part = keysPayload(await sources.configMap(ns, name), s.configMap.items, mode, !!s.configMap.optional, 'configmap', name);
    } else if (s.secret) {
      const name = s.secret.name ?? '';
      part = keysPayload(await sources.secret(ns, name), s.secret.items, mode, !!s.secret.optional, 'secret', name);
    } else if (s.downwardAPI) {
      part = downwardPayload(pod, s.downwardAPI.items, mode, f);
    } else if (s.serviceAccountToken) {
      // Token issuance (TokenRequest) is not served yet: say so on the pod, leave the file out.
      warn('FailedMount', `projected volume "${v.name}": serviceAccountToken sources are not supported by this kubelet; ${s.serviceAccountToken.path} is not written`);
    } else if (s.clusterTrustBundle) {
      warn('FailedMount', `projected volume "${v.name}": clusterTrustBundle sources are not supported by this kubelet`);
    }
    for (const [k, x] of part) out.set(k, x);
  }
  return out;
}
