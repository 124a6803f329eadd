/**
 * Writes a built image as an OCI image layout: a tar archive (what `ctr images import` takes)
 * or an unpacked directory (what skopeo copies to a registry with `oci:<dir>`).
 * Layout spec: https://github.com/opencontainers/image-spec/blob/v1.0.2/image-layout.md
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildImage, type BuiltImage, type ImageSpec } from './image.ts';
import { writeTar, type TarEntry } from './tar.ts';

const OCI_LAYOUT = JSON.stringify({ imageLayoutVersion: '1.0.0' });

function layoutEntries(img: BuiltImage): TarEntry[] {
  const seen = new Set<string>();
  const blobs: TarEntry[] = [];
  for (const b of img.blobs) {
    if (seen.has(b.digest)) continue;
    seen.add(b.digest);
    blobs.push({ type: 'file', path: `blobs/sha256/${b.digest.slice('sha256:'.length)}`, data: b.data });
  }
  return [
    { type: 'file', path: 'oci-layout', data: OCI_LAYOUT },
    { type: 'file', path: 'index.json', data: img.index },
    { type: 'dir', path: 'blobs' },
    { type: 'dir', path: 'blobs/sha256' },
    ...blobs,
  ];
}

/** Writes `spec` as an OCI layout tar archive at `outFile`; returns the manifest digest. */
export async function writeOCIArchive(spec: ImageSpec, outFile: string): Promise<string> {
  const img = buildImage(spec);
  await writeFile(outFile, writeTar(layoutEntries(img)));
  return img.manifestDigest;
}

/** Writes `spec` as an unpacked OCI layout in `dir` (created if missing); returns the manifest digest. */
export async function writeOCILayout(spec: ImageSpec, dir: string): Promise<string> {
  const img = buildImage(spec);
  await mkdir(dir, { recursive: true });
  for (const e of layoutEntries(img)) {
    const p = join(dir, e.path);
    if (e.type === 'dir') await mkdir(p, { recursive: true });
    else if (e.type === 'file') await writeFile(p, e.data);
  }
  return img.manifestDigest;
}
