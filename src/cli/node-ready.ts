/** `k8ts up` returns when the server's own node is Ready: polls the nodes with the admin certificate. */
import type { Node } from 'kubernetes-types/core/v1.d.ts';
import type { PKI } from '../apiserver/pki/index.ts';
import { createClient } from '../client/client.ts';
import { httpTransport } from '../client/http-transport.ts';
import { NODES } from '../client/resources.ts';

export type NodeReady = { ok: true; name: string } | { ok: false; error: string };

const isReady = (n: Node) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
const isOwnNode = (n: Node) => n.metadata?.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;

export async function waitNodeReady(url: string, pki: PKI, deadlineMs: number, failed: () => string | undefined): Promise<NodeReady> {
  const client = createClient(httpTransport({ server: url, ca: pki.caCertPem, cert: pki.adminCertPem, key: pki.adminKeyPem, userAgent: 'k8ts-cli' }));
  const t0 = Date.now();
  let seen = 'no node registered yet';
  while (Date.now() - t0 < deadlineMs) {
    const why = failed();
    if (why) return { ok: false, error: why };
    try {
      const own = (await client.resource<Node>(NODES).list()).items.filter(isOwnNode);
      const ready = own.find(isReady);
      if (ready) return { ok: true, name: ready.metadata!.name! };
      if (own.length) {
        const c = own[0].status?.conditions?.find((x) => x.type === 'Ready');
        seen = `node ${own[0].metadata!.name} is not Ready${c?.message ? ` (${c.message})` : ''}`;
      }
    } catch (e) {
      seen = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { ok: false, error: `no node became Ready within ${deadlineMs / 1000} s: ${seen}` };
}
