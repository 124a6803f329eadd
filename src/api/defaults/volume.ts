/**
 * Volume defaults (pkg/apis/core/v1/defaults.go): a volume with no source becomes an emptyDir;
 * secret, configMap, downwardAPI and projected sources get defaultMode 0644 (420); hostPath
 * gets type "". emptyDir.sizeLimit is stored canonical.
 */
import type { Volume } from 'kubernetes-types/core/v1.d.ts';
import { canonical } from './resources.ts';

const DEFAULT_MODE = 0o644;

export function defaultVolume(v: Volume): void {
  const sources = Object.keys(v).filter((k) => k !== 'name');
  if (sources.length === 0) v.emptyDir = {};
  if (v.secret) v.secret.defaultMode ??= DEFAULT_MODE;
  if (v.configMap) v.configMap.defaultMode ??= DEFAULT_MODE;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= DEFAULT_MODE;
    for (const item of v.downwardAPI.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ||= 'v1';
  }
  if (v.projected) {
    v.projected.defaultMode ??= DEFAULT_MODE;
    for (const s of v.projected.sources ?? []) {
      for (const item of s.downwardAPI?.items ?? []) if (item.fieldRef) item.fieldRef.apiVersion ||= 'v1';
      if (s.serviceAccountToken) s.serviceAccountToken.expirationSeconds ??= 3600;
    }
  }
  if (v.hostPath) v.hostPath.type ??= '';
  if (v.emptyDir?.sizeLimit !== undefined) v.emptyDir.sizeLimit = canonical(v.emptyDir.sizeLimit) as string;
}
