/** The whole schema table, merged from the per-group files. */
import type { SchemaTable } from './types.ts';
import { META } from './meta.ts';
import { CORE_CONTAINER } from './core-container.ts';
import { CORE_POD } from './core-pod.ts';
import { CORE_POD_STATUS } from './core-pod-status.ts';
import { CORE_VOLUME } from './core-volume.ts';
import { CORE_OBJECTS } from './core-objects.ts';
import { APPS_AND_FRIENDS } from './apps.ts';

const PARTS: SchemaTable[] = [META, CORE_CONTAINER, CORE_POD, CORE_POD_STATUS, CORE_VOLUME, CORE_OBJECTS, APPS_AND_FRIENDS];

function merge(parts: SchemaTable[]): SchemaTable {
  const out: Record<string, SchemaTable[string]> = {};
  for (const part of parts) for (const [name, spec] of Object.entries(part)) {
    if (out[name]) throw new Error(`protobuf schema: message ${name} defined twice`);
    out[name] = spec;
  }
  return out;
}

export const SCHEMA: SchemaTable = merge(PARTS);
