/**
 * Image import and listing through containerd's own `ctr` client, in the `k8s.io` namespace
 * that the CRI plugin serves. `ctr images import` names an OCI archive's images from its
 * `org.opencontainers.image.ref.name` annotations (docs/runtime.md).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const CRI_NAMESPACE = 'k8s.io';

/** Imports every image in `archive`; returns the names ctr reports. */
export async function importImage(socket: string, archive: string, ctr = 'ctr'): Promise<string[]> {
  const { stdout } = await run(ctr, ['--address', socket, '-n', CRI_NAMESPACE, 'images', 'import', '--all-platforms', archive], { maxBuffer: 1 << 22 });
  // Lines look like "unpacking docker.io/library/busybox:latest (sha256:...)...done".
  return [...stdout.matchAll(/unpacking (\S+) \(sha256:/g)].map((m) => m[1]!);
}

/** The image references containerd holds in the CRI namespace (tags and digests alike). */
export async function listImages(socket: string, ctr = 'ctr'): Promise<string[]> {
  const { stdout } = await run(ctr, ['--address', socket, '-n', CRI_NAMESPACE, 'images', 'ls', '-q'], { maxBuffer: 1 << 22 });
  return stdout.split('\n').map((s) => s.trim()).filter(Boolean);
}
