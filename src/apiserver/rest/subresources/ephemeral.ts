/**
 * pods/ephemeralcontainers: GET/PUT/PATCH where only `spec.ephemeralContainers` may change,
 * and only by adding (k8s.io/kubernetes/pkg/registry/core/pod/strategy.go
 * podEphemeralContainersStrategy; validation ValidatePodEphemeralContainersUpdate).
 */
import type { Pod } from 'kubernetes-types/core/v1.d.ts';
import { conflict, field, invalid, OptimisticLockErrorMsg } from '../../../api/errors.ts';
import { clone, jsonEqual, type KObject } from '../../../api/meta.ts';
import { applyPatch } from '../../../api/patch/index.ts';
import { schemaFor } from '../../../api/patch/schema.ts';
import { trackUpdate } from '../managed-fields.ts';
import type { WriteContext } from '../write.ts';
import type { RestResult } from '../types.ts';

export async function updateEphemeral(ctx: WriteContext): Promise<RestResult> {
  const name = ctx.req.name!;
  const res = await ctx.reg.update(ctx.req.namespace, name, (current) => {
    if (!current) throw conflict(ctx.reg.gr, name, 'the object has been deleted');
    const proposed = (ctx.req.patch
      ? applyPatch(ctx.req.patch.type, current, ctx.req.patch.raw, schemaFor('v1', 'Pod'))
      : clone(ctx.req.body)) as Pod & KObject;
    const rv = proposed.metadata?.resourceVersion;
    if (rv && rv !== current.metadata!.resourceVersion) throw conflict(ctx.reg.gr, name, OptimisticLockErrorMsg);
    const old = (current as Pod).spec?.ephemeralContainers ?? [];
    const next = proposed.spec?.ephemeralContainers ?? [];
    const errs = [];
    for (const [i, c] of old.entries()) {
      const n = next.find((x) => x.name === c.name);
      if (!n || !jsonEqual(n, c)) errs.push(field.forbidden(`spec.ephemeralContainers[${i}]`, 'existing ephemeral containers may not be changed'));
    }
    for (const [i, c] of next.entries()) {
      if (!c.name) errs.push(field.required(`spec.ephemeralContainers[${i}].name`));
      if (!c.image) errs.push(field.required(`spec.ephemeralContainers[${i}].image`));
      const clash = [...((current as Pod).spec?.containers ?? []), ...((current as Pod).spec?.initContainers ?? [])].some((x) => x.name === c.name);
      if (clash) errs.push(field.duplicate(`spec.ephemeralContainers[${i}].name`, c.name));
    }
    if (errs.length) throw invalid('Pod', '', name, errs);
    const out = clone(current) as Pod & KObject;
    out.spec!.ephemeralContainers = next.map((c) => ({ terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: /:[^/]+$/.test(c.image ?? '') && !/:latest$/.test(c.image ?? '') ? 'IfNotPresent' : 'Always', ...c }));
    if (!out.spec!.ephemeralContainers.length) delete out.spec!.ephemeralContainers;
    trackUpdate(current, out, ctx.manager, 'ephemeralcontainers', ctx.now);
    return out;
  }, { dryRun: ctx.dryRun });
  return ctx.result(200, res.object);
}
