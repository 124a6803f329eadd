/**
 * Where the kubelet reads the ConfigMaps and Secrets a pod refers to: whole objects for volumes (binary
 * data kept as bytes), strings for the environment (env.ts EnvSources).
 */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1.d.ts';
import { isNotFound } from '../../api/errors.ts';
import { CONFIGMAPS, SECRETS } from '../../client/resources.ts';
import type { Client } from '../../client/types.ts';
import type { EnvSources } from './env.ts';

/** A key's bytes; undefined when the object does not exist. */
export type ObjectData = Map<string, Buffer>;

export interface ObjectSources {
  configMap(namespace: string, name: string): Promise<ObjectData | undefined>;
  secret(namespace: string, name: string): Promise<ObjectData | undefined>;
}

export function configMapData(cm: ConfigMap): ObjectData {
  const out: ObjectData = new Map();
  for (const [k, v] of Object.entries(cm.data ?? {})) out.set(k, Buffer.from(v, 'utf8'));
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) out.set(k, Buffer.from(v, 'base64'));
  return out;
}

export function secretData(s: Secret): ObjectData {
  const out: ObjectData = new Map();
  for (const [k, v] of Object.entries(s.data ?? {})) out.set(k, Buffer.from(v, 'base64'));
  for (const [k, v] of Object.entries(s.stringData ?? {})) out.set(k, Buffer.from(v, 'utf8'));
  return out;
}

/** Reads through the API on each use (the kubelet's Get strategy; few pods use them). */
export function apiObjectSources(client: Client): ObjectSources {
  const get = async <T>(ref: typeof CONFIGMAPS, ns: string, name: string): Promise<T | undefined> => {
    try { return await client.resource<T & { metadata?: object }>(ref).namespace(ns).get(name); } catch (e) { if (isNotFound(e)) return undefined; throw e; }
  };
  return {
    async configMap(ns, name) { const o = await get<ConfigMap>(CONFIGMAPS, ns, name); return o && configMapData(o); },
    async secret(ns, name) { const o = await get<Secret>(SECRETS, ns, name); return o && secretData(o); },
  };
}

const toStrings = (d: ObjectData | undefined) => d && Object.fromEntries([...d].map(([k, v]) => [k, v.toString('utf8')]));
const toBytes = (d: Record<string, string> | undefined): ObjectData | undefined => d && new Map(Object.entries(d).map(([k, v]) => [k, Buffer.from(v, 'latin1')]));

export function envSourcesFrom(o: ObjectSources): EnvSources {
  return { configMap: async (ns, n) => toStrings(await o.configMap(ns, n)), secret: async (ns, n) => toStrings(await o.secret(ns, n)) };
}

/** For callers that only have string sources (tests, older wiring): ConfigMap binaryData arrives as latin1. */
export function objectSourcesFrom(e: EnvSources): ObjectSources {
  return { configMap: async (ns, n) => toBytes(await e.configMap(ns, n)), secret: async (ns, n) => toBytes(await e.secret(ns, n)) };
}
