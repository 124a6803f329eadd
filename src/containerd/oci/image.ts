/**
 * Turns layers and a run config into the blobs of an OCI image: gzipped layers, the image
 * config (with the uncompressed `diff_ids`), the manifest and the index that names it.
 * Shapes follow the OCI image spec v1.0: https://github.com/opencontainers/image-spec/blob/v1.0.2/
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { writeTar, type TarEntry } from './tar.ts';

export interface Layer { entries: TarEntry[] }

export interface ImageConfig {
  entrypoint?: string[];
  cmd?: string[];
  env?: string[];
  workingDir?: string;
  /** e.g. `['80/tcp']` */
  exposedPorts?: string[];
  user?: string;
}

export interface ImageSpec {
  /** Full reference written to `org.opencontainers.image.ref.name`, e.g. `docker.io/library/busybox:1.36`. */
  ref: string;
  /** More references for the same manifest (tags that are aliases). */
  extraRefs?: string[];
  layers: Layer[];
  config: ImageConfig;
  architecture?: string;
  os?: string;
}

export interface Blob { digest: string; data: Buffer }

export interface BuiltImage {
  /** Every blob, keyed by nothing: layers, config, manifest. */
  blobs: Blob[];
  index: Buffer;
  manifestDigest: string;
}

export const MEDIA = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';

export function sha256(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

function blob(data: Buffer): Blob { return { digest: sha256(data), data }; }

function json(v: unknown): Buffer { return Buffer.from(JSON.stringify(v), 'utf8'); }

interface BuiltLayer { diffId: string; blob: Blob }

// A base layer shared by several images (busybox) is tarred and gzipped once.
const layerCache = new WeakMap<Layer, BuiltLayer>();

function buildLayer(l: Layer): BuiltLayer {
  let b = layerCache.get(l);
  if (!b) {
    const t = writeTar(l.entries);
    // gzipSync writes mtime 0 in its header, so the same layer always has the same digest.
    b = { diffId: sha256(t), blob: blob(gzipSync(t, { level: 6 })) };
    layerCache.set(l, b);
  }
  return b;
}

export function buildImage(spec: ImageSpec): BuiltImage {
  const architecture = spec.architecture ?? 'amd64';
  const os = spec.os ?? 'linux';
  const built = spec.layers.map(buildLayer);
  const layers = built.map((b) => b.blob);
  const c = spec.config;
  const runConfig: Record<string, unknown> = {};
  if (c.user) runConfig.User = c.user;
  if (c.exposedPorts?.length) runConfig.ExposedPorts = Object.fromEntries(c.exposedPorts.map((p) => [p, {}]));
  runConfig.Env = c.env ?? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];
  if (c.entrypoint) runConfig.Entrypoint = c.entrypoint;
  if (c.cmd) runConfig.Cmd = c.cmd;
  if (c.workingDir) runConfig.WorkingDir = c.workingDir;
  const config = blob(json({
    created: '1970-01-01T00:00:00Z',
    architecture, os,
    config: runConfig,
    rootfs: { type: 'layers', diff_ids: built.map((b) => b.diffId) },
    history: built.map(() => ({ created: '1970-01-01T00:00:00Z', created_by: 'k8ts' })),
  }));
  const manifest = blob(json({
    schemaVersion: 2,
    mediaType: MEDIA.manifest,
    config: { mediaType: MEDIA.config, digest: config.digest, size: config.data.length },
    layers: layers.map((l) => ({ mediaType: MEDIA.layerGzip, digest: l.digest, size: l.data.length })),
  }));
  const refs = [spec.ref, ...(spec.extraRefs ?? [])];
  const index = json({
    schemaVersion: 2,
    mediaType: MEDIA.index,
    manifests: refs.map((ref) => ({
      mediaType: MEDIA.manifest, digest: manifest.digest, size: manifest.data.length,
      annotations: { [REF_NAME_ANNOTATION]: ref },
      platform: { architecture, os },
    })),
  });
  return { blobs: [...layers, config, manifest], index, manifestDigest: manifest.digest };
}
