/**
 * A node bridge left over by an earlier cluster. `k8ts down` leaves the bridge in place, and
 * its name comes from the data dir, so a new cluster in the same place (after `rm -rf` of the
 * data dir, say) may be given another podCIDR while the bridge still holds the old gateway
 * address; CNI's bridge plugin then fails every pod sandbox with "already has an IP address
 * different from …". Such a bridge is removed before the new network is written, as kubenet
 * cleared cbr0's other addresses when the podCIDR changed (kubenet_linux.go,
 * clearBridgeAddressesExcept). Pods still attached to it belong to the old range and are gone
 * with it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ip4InCidr } from '../sim/ip-alloc.ts';

const run = promisify(execFile);

/** The IPv4 addresses in `ip -j -4 addr show` output that lie outside `podCIDR`. */
export function addressesOutside(ipJson: string, podCIDR: string): string[] {
  const links = JSON.parse(ipJson || '[]') as { addr_info?: { family?: string; local?: string }[] }[];
  return links.flatMap((l) => l.addr_info ?? [])
    .filter((a) => a.family === 'inet' && a.local && !ip4InCidr(a.local, podCIDR))
    .map((a) => a.local!);
}

/** Deletes bridge `name` when it holds an address outside `podCIDR`; answers what it removed, if anything. */
export async function removeStaleBridge(name: string, podCIDR: string): Promise<string[]> {
  let out: string;
  try {
    out = (await run('ip', ['-j', '-4', 'addr', 'show', 'dev', name])).stdout;
  } catch {
    return []; // no such bridge yet: the plugin makes it
  }
  const stale = addressesOutside(out, podCIDR);
  if (stale.length) await run('ip', ['link', 'delete', name]);
  return stale;
}
