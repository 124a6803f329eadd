/**
 * core/v1 Event validation (ValidateEventCreate / legacyValidateEvent): the involved object's
 * namespace must match the event's; events with eventTime need reporting fields.
 */
import type { Event } from 'kubernetes-types/core/v1.d.ts';
import { field, type FieldError } from '../errors.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { isDNS1123Subdomain, nameIsDNSSubdomain } from './names.ts';
import { qualifiedName } from './util.ts';

const NOT_MATCH = 'does not match event.namespace';

function validateBody(e: Event): FieldError[] {
  const errs: FieldError[] = [];
  const ns = e.metadata?.namespace ?? '';
  const involvedNs = e.involvedObject?.namespace ?? '';
  if (!e.eventTime) {
    const ok = involvedNs ? ns === involvedNs : ns === '' || ns === 'default';
    if (!ok) errs.push(field.invalid('involvedObject.namespace', involvedNs, NOT_MATCH));
  } else {
    if (!involvedNs && ns !== 'kube-system') errs.push(field.invalid('involvedObject.namespace', involvedNs, NOT_MATCH));
    if (!e.reportingComponent) errs.push(field.required('source'));
    errs.push(...qualifiedName(e.reportingComponent ?? '', 'source'));
    if (!e.reportingInstance) errs.push(field.required('reportingInstance'));
    else if (e.reportingInstance.length > 128) errs.push(field.invalid('reportingInstance', '', 'can have at most 128 characters'));
    if (!e.action) errs.push(field.required('action'));
    else if (e.action.length > 128) errs.push(field.invalid('action', '', 'can have at most 128 characters'));
    if (e.type !== 'Normal' && e.type !== 'Warning') errs.push(field.invalid('type', '', `has invalid value: ${e.type ?? ''}`));
  }
  if ((e.reason ?? '').length > 128) errs.push(field.invalid('reason', '', 'can have at most 128 characters'));
  if ((e.message ?? '').length > 4 * 1024) errs.push(field.invalid('message', '', 'can have at most 4096 characters'));
  errs.push(...isDNS1123Subdomain(ns).map((m) => field.invalid('namespace', ns, m)));
  return errs;
}

export function validateEvent(e: Event): FieldError[] {
  return [...validateObjectMeta(e.metadata, { namespaced: true, nameFn: nameIsDNSSubdomain }), ...validateBody(e)];
}

export function validateEventUpdate(e: Event, old: Event): FieldError[] {
  return [...validateObjectMetaUpdate(e.metadata, old.metadata), ...validateBody(e)];
}
