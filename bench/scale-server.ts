/**
 * The server process of bench/scale.ts: what `k8ts server --simulated-nodes N` runs
 * (`startCluster`, SQLite in the data dir), plus the node IPAM range, which `k8ts server` has
 * no flag for yet. Its default, 10.244.0.0/16 in /24 blocks, holds 256 nodes (as
 * kube-controller-manager's --cluster-cidr would); nodes past that never get a podCIDR and
 * their pods never run.
 *
 *   node bench/scale-server.ts <cluster.js|cluster.ts> <dataDir> <port> <nodes> <clusterCIDR> <maskSize>
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { startCluster as StartCluster } from '../src/cli/cluster.ts';

const [clusterModule, dataDir, port, nodes, clusterCIDR, mask] = process.argv.slice(2);
const { startCluster } = await import(pathToFileURL(clusterModule).href) as { startCluster: typeof StartCluster };
const cluster = await startCluster({
  dataDir, bindAddress: '127.0.0.1', port: Number(port), datastore: `sqlite:${join(dataDir, 'state.db')}`,
  simulatedNodes: Number(nodes), controllers: { clusterCIDR, nodeCIDRMaskSize: Number(mask) },
});
console.log(`scale-server: serving on ${cluster.url} (pid ${process.pid})`);
let stopping = false;
const stop = async () => {
  if (stopping) process.exit(1);
  stopping = true;
  await cluster.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
