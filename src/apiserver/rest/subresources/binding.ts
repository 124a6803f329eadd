/**
 * pods/binding: the scheduler's way to set `spec.nodeName`. Binding also marks the pod
 * PodScheduled=True (k8s.io/kubernetes/pkg/registry/core/pod/storage/storage.go assignPod).
 */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1.d.ts';
import { badRequest, conflict, field, invalid } from '../../../api/errors.ts';
import { rfc3339, type KObject, type Writable } from '../../../api/meta.ts';
import type { WriteContext } from '../write.ts';
import type { RestResult } from '../types.ts';

interface Binding { metadata?: { name?: string; annotations?: Record<string, string> }; target?: { kind?: string; name?: string } }

export async function bindPod(ctx: WriteContext): Promise<RestResult> {
  const b = (ctx.req.body ?? {}) as Binding;
  const name = ctx.req.name!;
  if (b.metadata?.name && b.metadata.name !== name) throw badRequest(`the name of the object (${b.metadata.name}) does not match the name on the URL (${name})`);
  const node = b.target?.name;
  if (!node) throw invalid('Binding', '', name, [field.required('target.name')]);
  if (b.target?.kind && b.target.kind !== 'Node') throw invalid('Binding', '', name, [field.notSupported('target.kind', b.target.kind, ['Node', '<empty>'])]);
  await ctx.reg.update(ctx.req.namespace, name, (current) => {
    if (!current) throw conflict(ctx.reg.gr, name, 'pod not found');
    const pod = current as Pod & KObject;
    if (pod.metadata!.deletionTimestamp) throw conflict(ctx.reg.gr, name, 'pod is being deleted, cannot be assigned to a host');
    if (pod.spec?.nodeName) throw conflict(ctx.reg.gr, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    pod.spec!.nodeName = node;
    if (b.metadata?.annotations) pod.metadata!.annotations = { ...pod.metadata!.annotations, ...b.metadata.annotations };
    const status = ((pod as KObject).status ??= {}) as Writable<NonNullable<Pod['status']>>;
    const conds: PodCondition[] = status.conditions ??= [];
    const cond: PodCondition = { type: 'PodScheduled', status: 'True', lastProbeTime: null as never, lastTransitionTime: rfc3339(ctx.now) };
    const i = conds.findIndex((c) => c.type === 'PodScheduled');
    // A pod that waited as Unschedulable loses that reason and message once bound.
    if (i >= 0) conds[i] = { type: 'PodScheduled', status: 'True', lastProbeTime: null as never, lastTransitionTime: conds[i].status === 'True' ? conds[i].lastTransitionTime : cond.lastTransitionTime };
    else conds.push(cond);
    return pod;
  }, { dryRun: ctx.dryRun });
  return ctx.result(201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}
