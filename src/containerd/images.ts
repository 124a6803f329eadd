/**
 * The images k8ts builds itself, because these machines have no registry to pull from:
 * the sandbox (pause) image from the static `catatonit`, and busybox-based test images
 * (busybox, a small web server, and `nginx` stand-ins so `kubectl create deployment web
 * --image=nginx` works offline). Each is an OCI archive for `ctr images import`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildImage, type BuiltImage, type Layer } from './oci/image.ts';
import type { TarEntry } from './oci/tar.ts';
import { writeOCIArchive } from './oci/write.ts';

/** containerd's `sandbox_image`; a name no registry serves, so it can never be pulled over ours. */
export const PAUSE_IMAGE = 'k8ts.io/pause:1';
export const BUSYBOX_IMAGE = 'docker.io/library/busybox:latest';
export const WEB_IMAGE = 'docker.io/k8ts/web:1';

export const CATATONIT_PATHS = ['/usr/bin/catatonit', '/usr/libexec/catatonit/catatonit'];
export const BUSYBOX_PATHS = ['/bin/busybox', '/usr/bin/busybox'];

export interface BuiltinImage { ref: string; refs: string[]; archive: string }

function firstExisting(paths: string[], what: string): string {
  const p = paths.find((x) => existsSync(x));
  if (!p) throw new Error(`${what} not found (looked in ${paths.join(', ')}); install the Debian package`);
  return p;
}

export function pauseLayer(catatonit = firstExisting(CATATONIT_PATHS, 'catatonit')): Layer {
  return { entries: [{ type: 'file', path: 'pause', data: readFileSync(catatonit), mode: 0o755 }] };
}

/** A busybox root: the binary, one symlink per applet it reports, and the files a shell expects. */
export function busyboxLayer(busybox = firstExisting(BUSYBOX_PATHS, 'busybox (busybox-static)')): Layer {
  const applets = execFileSync(busybox, ['--list'], { encoding: 'utf8' })
    .split('\n').map((s) => s.trim()).filter((s) => /^[\w.[\]-]+$/.test(s) && s !== 'busybox').sort();
  const entries: TarEntry[] = [
    { type: 'dir', path: 'bin' },
    { type: 'file', path: 'bin/busybox', data: readFileSync(busybox), mode: 0o755 },
    ...applets.map((a): TarEntry => ({ type: 'symlink', path: `bin/${a}`, target: 'busybox' })),
    { type: 'dir', path: 'etc' },
    { type: 'file', path: 'etc/passwd', data: 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' },
    { type: 'file', path: 'etc/group', data: 'root:x:0:\nnogroup:x:65534:\n' },
    { type: 'dir', path: 'root', mode: 0o700 },
    { type: 'dir', path: 'home' },
    { type: 'dir', path: 'tmp', mode: 0o1777 },
    { type: 'dir', path: 'var' },
    { type: 'dir', path: 'var/www' },
    { type: 'dir', path: 'usr' },
    { type: 'dir', path: 'usr/bin' },
    { type: 'dir', path: 'usr/local' },
    { type: 'dir', path: 'usr/local/bin' },
  ];
  return { entries };
}

/**
 * The web server script: writes a page naming the pod, then runs busybox httpd. A shell with
 * a TERM trap is PID 1 so that a pod stops at once on SIGTERM (httpd as PID 1 ignores it).
 */
export const WEB_SCRIPT = `#!/bin/sh
mkdir -p /www
h=$(hostname)
cat > /www/index.html <<HTML
<!DOCTYPE html>
<html><head><title>\${TITLE:-k8ts web}</title></head>
<body><h1>\${TITLE:-k8ts web}</h1><p>Served by \$h (busybox httpd on port \${PORT:-8080}).</p></body></html>
HTML
echo "$h" > /www/hostname
trap 'exit 0' TERM INT
httpd -f -p "\${PORT:-8080}" -h /www &
wait $!
`;

function webLayer(): Layer {
  return { entries: [
    { type: 'dir', path: 'usr/local/bin' },
    { type: 'file', path: 'usr/local/bin/k8ts-web', data: WEB_SCRIPT, mode: 0o755 },
    { type: 'dir', path: 'www' },
  ] };
}

interface Recipe { file: string; refs: string[]; layers: () => Layer[]; config: Parameters<typeof writeOCIArchive>[0]['config'] }

function recipes(): Recipe[] {
  let bb: Layer | undefined;
  const busybox = () => (bb ??= busyboxLayer());
  const web = webLayer();
  return [
    { file: 'pause.tar', refs: [PAUSE_IMAGE], layers: () => [pauseLayer()], config: { entrypoint: ['/pause', '-P'] } },
    { file: 'busybox.tar', refs: [BUSYBOX_IMAGE, 'docker.io/library/busybox:1.36'], layers: () => [busybox()], config: { cmd: ['sh'] } },
    { file: 'web.tar', refs: [WEB_IMAGE], layers: () => [busybox(), web],
      config: { entrypoint: ['/usr/local/bin/k8ts-web'], env: [...baseEnv, 'PORT=8080'], exposedPorts: ['8080/tcp'], workingDir: '/www' } },
    { file: 'nginx.tar', refs: ['docker.io/library/nginx:latest', 'docker.io/library/nginx:1.27', 'docker.io/library/nginx:alpine'],
      layers: () => [busybox(), web],
      config: { entrypoint: ['/usr/local/bin/k8ts-web'], env: [...baseEnv, 'PORT=80', 'TITLE=Welcome to nginx!'], exposedPorts: ['80/tcp'], workingDir: '/www' } },
  ];
}

const baseEnv = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];

/** Writes the pause image alone (what containerd needs at start); returns its archive. */
export async function buildPauseImage(outDir: string): Promise<BuiltinImage> {
  return (await build(outDir, recipes().filter((r) => r.refs[0] === PAUSE_IMAGE)))[0]!;
}

/** Every reference the built-in images carry (no archive is written). */
export function builtinImageRefs(): string[] {
  return recipes().flatMap((r) => r.refs);
}

/** The built-in images in memory (blobs and tags), for the node's own registry mirror (builtin-registry.ts). */
export function buildBuiltinImagesInMemory(): { refs: string[]; image: BuiltImage }[] {
  return recipes().filter((r) => r.refs[0] !== PAUSE_IMAGE)
    .map((r) => ({ refs: r.refs, image: buildImage({ ref: r.refs[0]!, extraRefs: r.refs.slice(1), layers: r.layers(), config: r.config }) }));
}

/** Writes every built-in image as an OCI archive in `outDir`. */
export async function buildBuiltinImages(outDir: string): Promise<BuiltinImage[]> {
  return build(outDir, recipes());
}

async function build(outDir: string, rs: Recipe[]): Promise<BuiltinImage[]> {
  mkdirSync(outDir, { recursive: true });
  const out: BuiltinImage[] = [];
  for (const r of rs) {
    const archive = join(outDir, r.file);
    await writeOCIArchive({ ref: r.refs[0]!, extraRefs: r.refs.slice(1), layers: r.layers(), config: r.config }, archive);
    out.push({ ref: r.refs[0]!, refs: r.refs, archive });
  }
  return out;
}
