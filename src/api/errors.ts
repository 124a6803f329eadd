/**
 * API errors: a `StatusError` carries a Kubernetes `Status` (reason, code, causes with
 * field paths). Check them with the predicates below, not `instanceof`, so errors that
 * crossed a module boundary (or came back over HTTP) are recognised too.
 *
 * Wording follows k8s.io/apimachinery/pkg/api/errors (NewNotFound, NewAlreadyExists,
 * NewConflict, NewInvalid, NewBadRequest …) because tutorials and scripts match on it.
 */
import type { Status, StatusCause } from 'kubernetes-types/meta/v1.d.ts';

const BRAND = Symbol.for('k8ts.StatusError');

export type StatusReason =
  | 'BadRequest' | 'Unauthorized' | 'Forbidden' | 'NotFound' | 'AlreadyExists' | 'Conflict'
  | 'Gone' | 'Expired' | 'Invalid' | 'MethodNotAllowed' | 'NotAcceptable' | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge' | 'TooManyRequests' | 'InternalError' | 'Timeout' | 'ServiceUnavailable' | '';

export class StatusError extends Error {
  readonly [BRAND] = true;
  readonly status: Status;
  constructor(status: Status) {
    super(status.message ?? status.reason ?? 'error');
    this.status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', ...status };
  }
  get code(): number { return this.status.code ?? 500; }
  get reason(): string { return this.status.reason ?? ''; }
}

export function isStatusError(e: unknown): e is StatusError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
const reasonIs = (r: StatusReason) => (e: unknown) => isStatusError(e) && e.reason === r;
export const isNotFound = reasonIs('NotFound');
export const isAlreadyExists = reasonIs('AlreadyExists');
export const isConflict = reasonIs('Conflict');
export const isInvalid = reasonIs('Invalid');
export const isGone = (e: unknown) => isStatusError(e) && (e.code === 410);

/** A resource as errors name it: `pods`, or `deployments.apps` for a named group. */
export interface GroupResource { group: string; resource: string }
export const grString = (gr: GroupResource) => (gr.group ? `${gr.resource}.${gr.group}` : gr.resource);

function make(code: number, reason: StatusReason, message: string, details?: Status['details']): StatusError {
  return new StatusError({ code, reason, message, ...(details ? { details } : {}) });
}

export const notFound = (gr: GroupResource, name: string) =>
  make(404, 'NotFound', `${grString(gr)} "${name}" not found`, { name, group: gr.group || undefined, kind: gr.resource });
export const alreadyExists = (gr: GroupResource, name: string) =>
  make(409, 'AlreadyExists', `${grString(gr)} "${name}" already exists`, { name, group: gr.group || undefined, kind: gr.resource });
export const conflict = (gr: GroupResource, name: string, why: string) =>
  make(409, 'Conflict', `Operation cannot be fulfilled on ${grString(gr)} "${name}": ${why}`, { name, group: gr.group || undefined, kind: gr.resource });
/** The message Kubernetes gives for a stale resourceVersion. */
export const OptimisticLockErrorMsg = 'the object has been modified; please apply your changes to the latest version and try again';
export const badRequest = (message: string) => make(400, 'BadRequest', message);
export const unauthorized = (message = 'Unauthorized') => make(401, 'Unauthorized', message);
export const forbidden = (message: string) => make(403, 'Forbidden', message);
export const methodNotSupported = (gr: GroupResource, verb: string) =>
  make(405, 'MethodNotAllowed', `${verb} is not supported on resources of kind "${grString(gr)}"`, { group: gr.group || undefined, kind: gr.resource });
export const notAcceptable = (message: string) => make(406, 'NotAcceptable', message);
export const unsupportedMediaType = (contentType: string) =>
  make(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`, { causes: [{ reason: 'UnexpectedServerResponse', message: contentType }] });
export const gone = (message: string) => make(410, 'Expired', message);
export const tooLarge = (message: string) => make(413, 'RequestEntityTooLarge', message);
export const internalError = (err: unknown) =>
  make(500, 'InternalError', `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`, { causes: [{ message: err instanceof Error ? err.message : String(err) }] });
export const tooManyRequests = (message: string, retryAfterSeconds?: number) =>
  make(429, 'TooManyRequests', message, retryAfterSeconds ? { retryAfterSeconds } : undefined);

/**
 * A field error, as k8s.io/apimachinery/pkg/util/validation/field.Error. `type` is the
 * cause reason (FieldValueInvalid, FieldValueRequired …); `detail` is the free text.
 */
export interface FieldError {
  type: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueDuplicate' | 'FieldValueNotSupported' | 'FieldValueNotFound'
    | 'FieldValueForbidden' | 'FieldValueTooLong' | 'FieldValueTooMany' | 'InternalError' | 'FieldValueTypeInvalid';
  field: string;
  value?: unknown;
  detail?: string;
  /** For NotSupported: the allowed values, printed as `supported values: "a", "b"`. */
  supported?: string[];
}

/** Constructors that mirror field.Invalid, field.Required, … */
export const field = {
  invalid: (f: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field: f, value, detail }),
  required: (f: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field: f, detail }),
  duplicate: (f: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field: f, value }),
  notFound: (f: string, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field: f, value }),
  notSupported: (f: string, value: unknown, supported: string[]): FieldError => ({ type: 'FieldValueNotSupported', field: f, value, supported }),
  forbidden: (f: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field: f, detail }),
  tooLong: (f: string, value: unknown, max: number): FieldError => ({ type: 'FieldValueTooLong', field: f, value, detail: `must have at most ${max} bytes` }),
  tooMany: (f: string, actual: number, max: number): FieldError => ({ type: 'FieldValueTooMany', field: f, value: actual, detail: `must have at most ${max} items` }),
};

/** Go's %#v-ish rendering that field.Error uses for values in messages. */
function renderValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** field.Error.ErrorBody(): the text after `<field>: `. */
export function fieldErrorBody(e: FieldError): string {
  switch (e.type) {
    case 'FieldValueRequired': return e.detail ? `Required value: ${e.detail}` : 'Required value';
    case 'FieldValueForbidden': return e.detail ? `Forbidden: ${e.detail}` : 'Forbidden';
    case 'FieldValueDuplicate': return `Duplicate value: ${renderValue(e.value)}`;
    case 'FieldValueNotFound': return `Not found: ${renderValue(e.value)}`;
    case 'FieldValueTooLong': return `Too long: ${e.detail ?? ''}`.trimEnd();
    case 'FieldValueTooMany': return `Too many: ${renderValue(e.value)}: ${e.detail ?? ''}`;
    case 'FieldValueNotSupported': {
      const s = e.supported?.length ? `: supported values: ${e.supported.map((x) => JSON.stringify(x)).join(', ')}` : '';
      return `Unsupported value: ${renderValue(e.value)}${s}`;
    }
    case 'InternalError': return `Internal error: ${e.detail ?? ''}`;
    case 'FieldValueTypeInvalid': return `Invalid value: ${renderValue(e.value)}: ${e.detail ?? ''}`;
    default: return e.value === undefined ? `Invalid value: ${e.detail ?? ''}` : `Invalid value: ${renderValue(e.value)}: ${e.detail ?? ''}`;
  }
}

/**
 * 422 Invalid, worded as apierrors.NewInvalid:
 * `Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 …`
 * (kubectl prefixes "The "). Several errors are joined as `[a, b]`.
 */
export function invalid(kind: string, group: string, name: string, errs: FieldError[]): StatusError {
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field }));
  const texts = errs.map((e) => `${e.field}: ${fieldErrorBody(e)}`);
  const agg = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  // Empty details are left out, as Go's omitempty does (kubectl then says "The request is invalid").
  return make(422, 'Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${agg}`, {
    name: name || undefined, group: group || undefined, kind: kind || undefined, causes,
  });
}

/** Everything else thrown inside the server becomes a Status, never a crash. */
export function toStatusError(e: unknown): StatusError {
  return isStatusError(e) ? e : internalError(e);
}
