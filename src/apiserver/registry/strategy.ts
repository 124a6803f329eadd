/**
 * A resource strategy: what one kind adds to the generic registry (scope, create/update
 * preparation, validation, field-selector attributes, status handling), in the shape of
 * Kubernetes' RESTCreateStrategy/RESTUpdateStrategy (k8s.io/apiserver/pkg/registry/rest).
 * A new resource is a new strategy folder, never an edit to the generic code.
 */
import type { FieldError } from '../../api/errors.ts';
import type { KObject } from '../../api/meta.ts';
import type { ResourceInfo } from '../../api/resources.ts';

export interface StrategyContext {
  now: Date;
  /** The authenticated user, for fields like `spec.username` (not used yet). */
  user: string;
}

export interface Strategy {
  readonly info: ResourceInfo;
  /** Called on the decoded, defaulted body of a create: clear status, set generation … */
  prepareForCreate(obj: KObject, ctx: StrategyContext): void;
  /** Called on an update of the main resource: keep the old status, bump generation on spec change … */
  prepareForUpdate(obj: KObject, old: KObject, ctx: StrategyContext): void;
  validate(obj: KObject): FieldError[];
  validateUpdate(obj: KObject, old: KObject): FieldError[];
  /** Field-selector attributes of an object (metadata.name, spec.nodeName …). */
  fields(obj: KObject): Record<string, string>;
  /** Whether a PUT of a missing object creates it. */
  allowCreateOnUpdate: boolean;
  /** Whether PUT without resourceVersion is allowed (last write wins). */
  allowUnconditionalUpdate: boolean;
  /** Status subresource: copies status from `obj` onto `old`'s spec. Absent: no status subresource. */
  status?: {
    prepareForUpdate(obj: KObject, old: KObject, ctx: StrategyContext): void;
    validateUpdate(obj: KObject, old: KObject): FieldError[];
  };
  /**
   * Graceful deletion: the grace period to apply, or 0 to delete at once. Only pods say > 0
   * (k8s.io/kubernetes/pkg/registry/core/pod/strategy.go CheckGracefulDelete).
   */
  gracePeriod?(obj: KObject, requested: number | undefined): number;
  /**
   * Kind-specific holds on deletion besides metadata.finalizers (a namespace's
   * spec.finalizers). While true, a delete only marks the object.
   */
  holdsDeletion?(obj: KObject): boolean;
  /** Called on the object being marked for deletion (a namespace turns Terminating). */
  prepareForDelete?(obj: KObject): void;
}
