/**
 * Pod volumes as directories on the host, mounted into the containers
 * (pkg/volume/emptydir, configmap, secret, hostpath; kubelet_pods.go makeMounts):
 * emptyDir is a directory under the pod's dir shared by its containers, configMap and secret
 * volumes are files written from the object's data (items/paths and modes honoured),
 * hostPath is the host path itself. Layout as the kubelet's:
 * `<root>/pods/<uid>/volumes/kubernetes.io~<plugin>/<name>`.
 */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Container, KeyToPath, Pod, Volume } from 'kubernetes-types/core/v1.d.ts';
import type { DeepReadonly } from '../../client/freeze.ts';
import type { In, Mount } from '../cri/types.ts';
import { ContainerConfigError, type EnvSources } from './env.ts';

export const podDir = (root: string, uid: string) => join(root, 'pods', uid);

const PLUGIN: Record<string, string> = { emptyDir: 'empty-dir', configMap: 'configmap', secret: 'secret' };

export function volumePath(root: string, uid: string, v: DeepReadonly<Volume>): string | undefined {
  if (v.hostPath) return v.hostPath.path;
  const kind = Object.keys(PLUGIN).find((k) => (v as Record<string, unknown>)[k]);
  return kind ? join(podDir(root, uid), 'volumes', `kubernetes.io~${PLUGIN[kind]}`, v.name) : undefined;
}

async function writeItems(dir: string, data: Record<string, string>, items: readonly DeepReadonly<KeyToPath>[] | undefined, mode: number, what: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files = items?.length ? items.map((i) => ({ key: i.key, path: i.path, mode: i.mode ?? mode })) : Object.keys(data).map((k) => ({ key: k, path: k, mode }));
  for (const f of files) {
    if (data[f.key] === undefined) throw new ContainerConfigError(`configmap references non-existent config key: ${f.key} (${what})`);
    const p = join(dir, f.path);
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, data[f.key]);
    await chmod(p, f.mode);
  }
}

/** Makes every volume of the pod exist on the host (idempotent; configMap/secret files are rewritten). */
export async function setUpVolumes(root: string, pod: DeepReadonly<Pod>, sources: EnvSources): Promise<void> {
  const uid = pod.metadata?.uid ?? '', ns = pod.metadata?.namespace ?? 'default';
  for (const v of pod.spec?.volumes ?? []) {
    const path = volumePath(root, uid, v);
    if (!path) continue;
    if (v.emptyDir) { await mkdir(path, { recursive: true, mode: 0o777 }); await chmod(path, 0o777); }
    else if (v.hostPath) {
      if (v.hostPath.type === 'DirectoryOrCreate') await mkdir(path, { recursive: true });
    } else if (v.configMap) {
      const data = await sources.configMap(ns, v.configMap.name ?? '');
      if (!data) { if (v.configMap.optional) { await mkdir(path, { recursive: true }); continue; } throw new ContainerConfigError(`configmap "${v.configMap.name}" not found`); }
      await writeItems(path, data, v.configMap.items, v.configMap.defaultMode ?? 0o644, v.name);
    } else if (v.secret) {
      const data = await sources.secret(ns, v.secret.secretName ?? '');
      if (!data) { if (v.secret.optional) { await mkdir(path, { recursive: true }); continue; } throw new ContainerConfigError(`secret "${v.secret.secretName}" not found`); }
      await writeItems(path, data, v.secret.items, v.secret.defaultMode ?? 0o644, v.name);
    }
  }
}

export function containerMounts(root: string, pod: DeepReadonly<Pod>, c: DeepReadonly<Container>): In<Mount>[] {
  const uid = pod.metadata?.uid ?? '';
  const byName = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  const out: In<Mount>[] = [];
  for (const m of c.volumeMounts ?? []) {
    const v = byName.get(m.name);
    const path = v && volumePath(root, uid, v);
    if (!path) throw new ContainerConfigError(`cannot find volume "${m.name}" to mount into container "${c.name}"`);
    out.push({ containerPath: m.mountPath, hostPath: m.subPath ? join(path, m.subPath) : path, readonly: !!m.readOnly });
  }
  return out;
}

/** Removes the pod's volume directories (hostPath volumes are not ours to remove). */
export async function tearDownVolumes(root: string, uid: string): Promise<void> {
  await rm(podDir(root, uid), { recursive: true, force: true });
}
