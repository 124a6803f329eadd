/**
 * Pod volumes (validateVolumes / validateVolumeSource in pkg/apis/core/validation): unique
 * DNS-1123 label names, exactly one source, and the common sources' required fields.
 */
import type { KeyToPath, Volume } from 'kubernetes-types/core/v1.d.ts';
import { field, type FieldError } from '../errors.ts';
import { tryParseQuantity } from '../quantity.ts';
import { dns1123Label } from './container.ts';
import { child, index } from './util.ts';

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function fileMode(mode: number | undefined, path: string): FieldError[] {
  return mode !== undefined && (mode < 0 || mode > 0o777) ? [field.invalid(path, mode, FILE_MODE_ERROR)] : [];
}

function items(list: KeyToPath[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  (list ?? []).forEach((it, i) => {
    const ip = index(path, i);
    if (!it.key) errs.push(field.required(child(ip, 'key')));
    if (!it.path) errs.push(field.required(child(ip, 'path')));
    else if (it.path.startsWith('/')) errs.push(field.invalid(child(ip, 'path'), it.path, 'must be a relative path'));
    else if (it.path.split('/').includes('..')) errs.push(field.invalid(child(ip, 'path'), it.path, "must not contain '..'"));
    errs.push(...fileMode(it.mode, child(ip, 'mode')));
  });
  return errs;
}

function validateSource(v: Volume, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const sources = Object.keys(v).filter((k) => k !== 'name' && (v as unknown as Record<string, unknown>)[k] != null);
  if (sources.length === 0) errs.push(field.required(path, 'must specify a volume type'));
  for (const s of sources.slice(1)) errs.push(field.forbidden(child(path, s), 'may not specify more than 1 volume type'));
  if (v.hostPath) {
    const p = child(path, 'hostPath');
    if (!v.hostPath.path) errs.push(field.required(child(p, 'path')));
    if (v.hostPath.type !== undefined && !HOST_PATH_TYPES.includes(v.hostPath.type)) {
      errs.push(field.notSupported(child(p, 'type'), v.hostPath.type, HOST_PATH_TYPES));
    }
  }
  if (v.emptyDir?.sizeLimit !== undefined) {
    const q = tryParseQuantity(v.emptyDir.sizeLimit);
    if (!q || q.nanos < 0n) errs.push(field.forbidden(child(child(path, 'emptyDir'), 'sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
  }
  if (v.secret) {
    const p = child(path, 'secret');
    if (!v.secret.secretName) errs.push(field.required(child(p, 'secretName')));
    errs.push(...fileMode(v.secret.defaultMode, child(p, 'defaultMode')), ...items(v.secret.items, child(p, 'items')));
  }
  if (v.configMap) {
    const p = child(path, 'configMap');
    if (!v.configMap.name) errs.push(field.required(child(p, 'name')));
    errs.push(...fileMode(v.configMap.defaultMode, child(p, 'defaultMode')), ...items(v.configMap.items, child(p, 'items')));
  }
  if (v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName) {
    errs.push(field.required(child(child(path, 'persistentVolumeClaim'), 'claimName')));
  }
  if (v.projected) errs.push(...fileMode(v.projected.defaultMode, child(child(path, 'projected'), 'defaultMode')));
  if (v.downwardAPI) errs.push(...fileMode(v.downwardAPI.defaultMode, child(child(path, 'downwardAPI'), 'defaultMode')));
  return errs;
}

/** Validates the volumes and returns their names, for volumeMounts to refer to. */
export function validateVolumes(volumes: Volume[] | undefined, path: string): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((v, i) => {
    const ip = index(path, i);
    errs.push(...validateSource(v, ip));
    if (!v.name) errs.push(field.required(child(ip, 'name')));
    else errs.push(...dns1123Label(v.name, child(ip, 'name')));
    if (names.has(v.name)) errs.push(field.duplicate(child(ip, 'name'), v.name));
    else if (v.name) names.add(v.name);
  });
  return { errs, names };
}
