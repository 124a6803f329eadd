/** Shared fixtures for the apply and update tests. */
import type { Obj } from './walk.ts';

export const T0 = new Date('2024-05-01T10:00:00.123Z');
export const T1 = new Date('2024-05-01T11:00:00Z');
export const T2 = new Date('2024-05-01T12:00:00Z');

export function pod(image: string, extra: Obj = {}): Obj {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image }] }, ...extra,
  };
}

/** Deep-freezes a value so a test fails if code under test mutates its input. */
export function frozen<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) frozen(x);
    Object.freeze(v);
  }
  return v;
}

export interface Entry { manager: string; operation: string; apiVersion: string; time?: string; fieldsV1: unknown; subresource?: string }

export const entriesOf = (o: object): Entry[] => ((o as { metadata?: { managedFields?: Entry[] } }).metadata?.managedFields ?? []);

/** The entries as `manager/operation: fieldsV1 JSON`, the compact form the tables compare. */
export const owners = (o: object): string[] =>
  entriesOf(o).map((e) => `${e.manager}${e.subresource ? `[${e.subresource}]` : ''}/${e.operation}: ${JSON.stringify(e.fieldsV1)}`);

/** Puts a managedFields entry list on an object (as a store would hold it). */
export function withEntries(o: Obj, entries: Entry[]): Obj {
  return { ...o, metadata: { ...(o.metadata as Obj), managedFields: entries } };
}

export const entry = (manager: string, operation: 'Apply' | 'Update', fieldsV1: unknown, time = '2024-05-01T09:00:00Z'): Entry =>
  ({ manager, operation, apiVersion: 'v1', time, fieldsType: 'FieldsV1', fieldsV1 } as Entry);

export const POD_FIELDS = {
  'f:metadata': { 'f:labels': { 'f:app': {} } },
  'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:image': {}, 'f:name': {}, '.': {} } } },
};
