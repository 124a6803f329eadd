/** Where our containerd keeps everything: all under `<dataDir>`, never the system's /var/lib/containerd. */
import { join } from 'node:path';

export interface ContainerdPaths {
  dir: string;
  root: string;
  state: string;
  socket: string;
  ttrpcSocket: string;
  config: string;
  log: string;
  runcRoot: string;
  optDir: string;
  certsDir: string;
  imagesDir: string;
  cniConfDir: string;
  cniIpamDir: string;
  cniConflist: string;
}

export function containerdPaths(dataDir: string): ContainerdPaths {
  const dir = join(dataDir, 'containerd');
  const cni = join(dataDir, 'cni');
  return {
    dir,
    root: join(dir, 'root'),
    state: join(dir, 'state'),
    socket: join(dir, 'containerd.sock'),
    ttrpcSocket: join(dir, 'containerd.sock.ttrpc'),
    config: join(dir, 'config.toml'),
    log: join(dir, 'containerd.log'),
    runcRoot: join(dir, 'runc'),
    optDir: join(dir, 'opt'),
    certsDir: join(dir, 'certs.d'),
    imagesDir: join(dir, 'images'),
    cniConfDir: join(cni, 'net.d'),
    cniIpamDir: join(cni, 'ipam'),
    cniConflist: join(cni, 'net.d', '10-k8ts.conflist'),
  };
}
