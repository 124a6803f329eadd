// Puts one cluster/user/context into a kubeconfig, leaving everything else in it as it was
// (other entries, unknown fields, comments). Field names follow clientcmd's v1 Config:
// https://github.com/kubernetes/client-go/blob/v0.33.0/tools/clientcmd/api/v1/types.go
import * as YAML from 'yaml';

export interface KubeconfigEntry {
  /** The name used for the cluster, the user and the context. */
  name: string;
  server: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

export class KubeconfigError extends Error {}

const b64 = (s: string) => Buffer.from(s).toString('base64');

/**
 * Returns `existing` (kubeconfig YAML, or undefined/empty for none) with `entry` added or
 * replaced, and made the current context when `setCurrent` (the default).
 */
export function mergeKubeconfig(existing: string | undefined, entry: KubeconfigEntry, setCurrent = true): string {
  const doc = existing && existing.trim() !== '' ? YAML.parseDocument(existing) : new YAML.Document({});
  if (doc.errors.length > 0) throw new KubeconfigError(`it is not valid YAML (${doc.errors[0].message.split('\n')[0]})`);
  if (doc.contents === null || (YAML.isScalar(doc.contents) && doc.contents.value === null)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  if (!YAML.isMap(doc.contents)) throw new KubeconfigError('its top level is not a mapping');
  if (!doc.has('apiVersion')) doc.set('apiVersion', 'v1');
  if (!doc.has('kind')) doc.set('kind', 'Config');

  // A file path beside embedded data is an error for kubectl ("both specified"), and so is a
  // skip-verify flag beside a CA; other ways to log in would compete with the client certificate.
  upsert(doc, 'clusters', 'cluster', entry.name,
    { server: entry.server, 'certificate-authority-data': b64(entry.caPem) },
    ['certificate-authority', 'insecure-skip-tls-verify']);
  upsert(doc, 'users', 'user', entry.name,
    { 'client-certificate-data': b64(entry.certPem), 'client-key-data': b64(entry.keyPem) },
    ['client-certificate', 'client-key', 'token', 'tokenFile', 'username', 'password', 'exec', 'auth-provider']);
  upsert(doc, 'contexts', 'context', entry.name, { cluster: entry.name, user: entry.name }, []);
  if (setCurrent) doc.set('current-context', entry.name);
  if (!doc.has('preferences')) doc.set('preferences', {});
  // lineWidth 0: never fold the long base64 values.
  return doc.toString({ lineWidth: 0 });
}

/** Sets `fields` (and deletes `drop`) in the `inner` map of the list item called `name`, adding the item when absent. */
function upsert(doc: YAML.Document, listKey: string, inner: string, name: string, fields: Record<string, string>, drop: string[]): void {
  let list = doc.get(listKey, true);
  if (list === undefined || list === null || (YAML.isScalar(list) && list.value === null)) {
    list = doc.createNode([]);
    doc.set(listKey, list);
  }
  if (!YAML.isSeq(list)) throw new KubeconfigError(`its "${listKey}" is not a list`);
  const matches = list.items.filter((it) => YAML.isMap(it) && it.get('name') === name) as YAML.YAMLMap[];
  if (matches.length === 0) {
    list.add(doc.createNode({ name, [inner]: fields }));
    return;
  }
  const [item, ...dupes] = matches;
  // kubectl would use only one of several same-named entries; keep the one we update.
  list.items = list.items.filter((it) => !dupes.includes(it as YAML.YAMLMap));
  const body = item.get(inner, true);
  if (!YAML.isMap(body)) {
    item.set(inner, doc.createNode(fields));
    return;
  }
  for (const k of drop) body.delete(k);
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
}
