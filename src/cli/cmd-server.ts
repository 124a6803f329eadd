// `k8ts server`: the API server in the foreground. It owns <dataDir>/server.pid while it runs
// and stops cleanly on SIGTERM/SIGINT (what `k8ts down`, systemd and Ctrl-C send).
import * as fs from 'node:fs/promises';
import { CliError, errnoCode } from './cli-error.ts';
import { startCluster, type RunningCluster } from './cluster.ts';
import { findBinary } from '../containerd/config.ts';
import { findCNIBinDir } from '../containerd/cni-config.ts';
import { clientURL, type CliOptions } from './options.ts';
import { clearServerFiles, findServer, infoFile, pidFile, type ServerInfo } from './server-state.ts';

export async function runServer(o: CliOptions): Promise<void> {
  await fs.mkdir(o.dataDir, { recursive: true, mode: 0o700 });
  const other = await findServer(o.dataDir);
  if (other.state === 'running' && other.pid !== process.pid) {
    throw new CliError(`a k8ts server for ${o.dataDir} is already running (pid ${other.pid}): stop it with "k8ts down --data-dir ${o.dataDir}"`);
  }
  await fs.writeFile(pidFile(o.dataDir), `${process.pid}\n`);
  let server: RunningCluster;
  try {
    server = o.apiOnly ? await apiOnly(o) : await startCluster({
      dataDir: o.dataDir, bindAddress: o.bindAddress, port: o.apiPort, datastore: o.datastore, verbose: o.verbose,
      simulatedNodes: o.simulatedNodes, simStartDelayMs: o.simStartDelayMs, controlPlaneThread: o.controlPlaneThread,
      controllers: { ...(o.clusterCIDR ? { clusterCIDR: o.clusterCIDR } : {}), ...(o.nodeCIDRMaskSize ? { nodeCIDRMaskSize: o.nodeCIDRMaskSize } : {}) },
      node: o.node && nodePrerequisites() ? { kubeletPort: o.kubeletPort, mirrors: o.registryMirrors } : undefined,
    });
  } catch (e) {
    await clearServerFiles(o.dataDir, process.pid);
    throw listenError(e, o) ?? e;
  }
  const info: ServerInfo = { pid: process.pid, url: server.url || clientURL(o.bindAddress, o.apiPort), bindAddress: o.bindAddress, port: o.apiPort, startedAt: new Date().toISOString() };
  await fs.writeFile(infoFile(o.dataDir), JSON.stringify(info, null, 2) + '\n');
  console.log(`k8ts server: serving on ${info.url} (pid ${process.pid}, data ${o.dataDir})`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`k8ts server: ${signal} again, exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.log(`k8ts server: ${signal}, shutting down`);
    let code = 0;
    try {
      await server.close();
    } catch (e) {
      console.error(`k8ts server: shutdown failed: ${(e as Error).message}`);
      code = 1;
    }
    await clearServerFiles(o.dataDir, process.pid);
    process.exit(code);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** `--api-only`: the API server alone, shaped like a cluster for the code below. */
async function apiOnly(o: CliOptions): Promise<RunningCluster> {
  const { startAPIServer } = await import('../apiserver/server.ts');
  const server = await startAPIServer({ dataDir: o.dataDir, bindAddress: o.bindAddress, port: o.apiPort, datastore: o.datastore, verbose: o.verbose });
  return { server, url: server.url, client: undefined as never, close: () => server.close() };
}

/**
 * Real containers need root and containerd, runc and the CNI plugins (the launcher installs
 * them on Debian as root). Without them the server runs without its node, and says why.
 */
function nodePrerequisites(): boolean {
  const missing = ['containerd', 'runc', 'ctr'].filter((b) => !findBinary([b]));
  if (!findCNIBinDir()) missing.push('containernetworking-plugins');
  const why = process.getuid?.() !== 0 ? 'it needs root' : missing.length ? `missing: ${missing.join(', ')} (apt-get install containerd runc containernetworking-plugins)` : '';
  if (why) console.error(`k8ts server: running without a node of its own: ${why}. Use --simulated-nodes N for nodes without containers.`);
  return !why;
}

/** A bind failure said in terms of the flags that fix it, or undefined for other errors. */
export function listenError(e: unknown, o: Pick<CliOptions, 'apiPort' | 'bindAddress'>): CliError | undefined {
  switch (errnoCode(e)) {
    case 'EADDRINUSE': return new CliError(`port ${o.apiPort} is in use: stop what holds it or pass --api-port`);
    case 'EACCES': return new CliError(`not allowed to listen on port ${o.apiPort}: ports below 1024 need root; pass --api-port`);
    case 'EADDRNOTAVAIL': return new CliError(`${o.bindAddress} is not an address of this machine: pass another --bind-address`);
    default: return undefined;
  }
}
