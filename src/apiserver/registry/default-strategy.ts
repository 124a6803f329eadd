/**
 * The strategy most kinds share: validation by kind, generation bumped on spec change,
 * status kept apart from spec (a write to the main resource keeps the stored status; a
 * write to /status keeps the stored spec and metadata, as metav1.ResetObjectMetaForStatus).
 * Kinds override only what differs.
 */
import { jsonEqual, type KObject } from '../../api/meta.ts';
import { groupVersion, type ResourceInfo } from '../../api/resources.ts';
import { fieldsFor } from '../../api/selectors/field-sets.ts';
import { validate, validateStatusUpdate } from '../../api/validation/index.ts';
import type { Strategy } from './strategy.ts';

export function defaultStrategy(info: ResourceInfo, over: Partial<Strategy> & { generation?: boolean } = {}): Strategy {
  const gv = groupVersion(info);
  const hasStatus = info.subresources.some((s) => s.name === 'status');
  const generation = over.generation ?? false;
  const base: Strategy = {
    info,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
    prepareForCreate(obj) {
      if (hasStatus) delete obj.status;
      if (generation) obj.metadata!.generation = 1;
    },
    prepareForUpdate(obj, old) {
      if (hasStatus) {
        if (old.status === undefined) delete obj.status; else obj.status = old.status;
      }
      if (generation) {
        const g = old.metadata!.generation ?? 1;
        obj.metadata!.generation = jsonEqual(obj.spec, old.spec) ? g : g + 1;
      }
    },
    validate: (obj) => validate(gv, info.kind, obj),
    validateUpdate: (obj, old) => validate(gv, info.kind, obj, old),
    fields: (obj) => fieldsFor(info.plural, obj),
    status: hasStatus ? {
      prepareForUpdate(obj: KObject, old: KObject) {
        obj.spec = old.spec;
        const m = obj.metadata!, o = old.metadata!;
        for (const k of ['labels', 'annotations', 'finalizers', 'ownerReferences', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const) {
          if (o[k] === undefined) delete m[k]; else (m as Record<string, unknown>)[k] = o[k];
        }
      },
      validateUpdate: (obj: KObject, old: KObject) => validateStatusUpdate(gv, info.kind, obj, old),
    } : undefined,
  };
  return { ...base, ...over };
}
