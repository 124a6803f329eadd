/**
 * pods/log query → the kubelet's `/containerLogs` query, validated as ValidatePodLogOptions
 * (pkg/apis/core/validation) and rebuilt as pkg/registry/core/pod/strategy.go LogLocation
 * does: only the options that are set, sinceTime as RFC3339 seconds.
 */
import { badRequest, field, invalid, type FieldError } from '../../api/errors.ts';

const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE = new Set(['', '0', 'f', 'F', 'false', 'FALSE', 'False']);

export function kubeletLogQuery(q: URLSearchParams, podName: string): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of ['follow', 'previous', 'timestamps']) {
    const v = q.get(k);
    if (v === null) continue;
    if (!TRUE.has(v) && !FALSE.has(v)) throw badRequest(`strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
    if (TRUE.has(v)) out.set(k, 'true');
  }
  const ints: Record<string, number> = {};
  for (const k of ['sinceSeconds', 'tailLines', 'limitBytes']) {
    const v = q.get(k);
    if (v === null || v === '') continue;
    if (!/^[+-]?\d+$/.test(v)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
    ints[k] = Number(v);
  }
  let sinceTime: string | undefined;
  const st = q.get('sinceTime');
  if (st) {
    const ms = Date.parse(st);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(st) || Number.isNaN(ms)) throw badRequest(`parsing time ${JSON.stringify(st)} as "2006-01-02T15:04:05Z07:00": cannot parse`);
    sinceTime = new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }
  const errs: FieldError[] = [];
  if (ints.tailLines !== undefined && ints.tailLines < 0) errs.push(field.invalid('tailLines', ints.tailLines, 'must be greater than or equal to 0'));
  if (ints.limitBytes !== undefined && ints.limitBytes < 1) errs.push(field.invalid('limitBytes', ints.limitBytes, 'must be greater than 0'));
  if (ints.sinceSeconds !== undefined && sinceTime !== undefined) errs.push(field.forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  else if (ints.sinceSeconds !== undefined && ints.sinceSeconds < 1) errs.push(field.invalid('sinceSeconds', ints.sinceSeconds, 'must be greater than 0'));
  if (errs.length) throw invalid('PodLogOptions', '', podName, errs);
  if (ints.sinceSeconds !== undefined) out.set('sinceSeconds', String(ints.sinceSeconds));
  if (sinceTime) out.set('sinceTime', sinceTime);
  if (ints.tailLines !== undefined) out.set('tailLines', String(ints.tailLines));
  if (ints.limitBytes !== undefined) out.set('limitBytes', String(ints.limitBytes));
  return out;
}
