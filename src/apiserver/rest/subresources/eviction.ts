/**
 * pods/eviction (policy/v1 Eviction): a delete that PodDisruptionBudgets may refuse with
 * 429. We serve no PDBs yet, so an eviction always deletes with its delete options
 * (k8s.io/kubernetes/pkg/registry/core/pod/storage/eviction.go).
 */
import type { DeleteOptions } from 'kubernetes-types/meta/v1.d.ts';
import { badRequest } from '../../../api/errors.ts';
import { deleteOptions } from '../delete.ts';
import type { WriteContext } from '../write.ts';
import type { RestResult } from '../types.ts';

export async function evictPod(ctx: WriteContext): Promise<RestResult> {
  const ev = (ctx.req.body ?? {}) as { metadata?: { name?: string }; deleteOptions?: DeleteOptions };
  if (ev.metadata?.name && ev.metadata.name !== ctx.req.name) {
    throw badRequest(`name in URL does not match name in Eviction object`);
  }
  const opts = deleteOptions(ev.deleteOptions, new URLSearchParams());
  await ctx.reg.delete(ctx.req.namespace, ctx.req.name!, opts, { dryRun: ctx.dryRun });
  return ctx.result(201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}
