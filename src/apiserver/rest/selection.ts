/**
 * Label and field selectors from the query, turned into one object filter, plus the list
 * parameters (limit, continue, resourceVersion/resourceVersionMatch).
 */
import { badRequest } from '../../api/errors.ts';
import type { KObject } from '../../api/meta.ts';
import { parseLabelSelector, matches } from '../../api/selectors/labels.ts';
import { parseFieldSelector, matchesFields } from '../../api/selectors/fields.ts';
import { validateFieldSelector } from '../../api/selectors/field-sets.ts';
import type { ListParams, ObjectFilter } from '../registry/list.ts';
import type { Strategy } from '../registry/strategy.ts';
import { intParam } from './query.ts';

export function buildFilter(strategy: Strategy, q: URLSearchParams): ObjectFilter | undefined {
  const ls = q.get('labelSelector');
  const fs = q.get('fieldSelector');
  const labels = ls ? parseLabelSelector(ls) : undefined;
  const fields = fs ? validateFieldSelector(strategy.info.plural, parseFieldSelector(fs)) : undefined;
  if (!labels && !fields) return undefined;
  return (obj: KObject) =>
    (!labels || matches(labels, obj.metadata?.labels)) && (!fields || matchesFields(fields, strategy.fields(obj)));
}

export function listParams(strategy: Strategy, namespace: string | undefined, q: URLSearchParams): ListParams {
  const limit = intParam(q, 'limit');
  const rv = q.get('resourceVersion') ?? '';
  const match = q.get('resourceVersionMatch') ?? '';
  const cont = q.get('continue') ?? undefined;
  if (match && !['Exact', 'NotOlderThan'].includes(match)) {
    throw badRequest(`resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan"`);
  }
  if (match && !rv) throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
  if (cont && (rv && rv !== '0')) throw badRequest('specifying resource version is not allowed when using continue');
  if (rv && rv !== '0' && !/^\d+$/.test(rv)) throw badRequest(`resourceVersion: Invalid value: "${rv}": must be a non-negative integer`);
  if (match === 'Exact' && rv === '0') throw badRequest('resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
  return {
    namespace,
    filter: buildFilter(strategy, q),
    limit: limit && limit > 0 ? limit : undefined,
    continue: cont,
    exactRevision: match === 'Exact' ? Number(rv) : undefined,
  };
}
