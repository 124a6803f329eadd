/**
 * The collector's writes, each on the live object (never the cache) and each quiet about
 * the races the collector expects: 404 means someone else finished the job, and a failed
 * uid precondition means the name now belongs to a new object. Conflicts propagate, so
 * the caller retries on fresh state.
 */
import type { Status } from 'kubernetes-types/meta/v1.d.ts';
import { isNotFound, isConflict } from '../../api/errors.ts';
import type { Client, ObjectLike } from '../../client/types.ts';
import type { KindInfo } from './kinds.ts';
import type { Policy } from './graph.ts';

export interface Identity { info: KindInfo; namespace?: string; name: string; uid: string }

function rc(client: Client, id: Identity) {
  const r = client.resource<ObjectLike>(id.info.ref);
  return id.info.namespaced && id.namespace ? r.namespace(id.namespace) : r;
}

/** The live object, or undefined when it is gone or the name now has another uid. */
export async function getLive(client: Client, id: Identity): Promise<ObjectLike | undefined> {
  try {
    const o = await rc(client, id).get(id.name);
    return o.metadata?.uid === id.uid ? o : undefined;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/**
 * Reads the live object, applies `change` to its metadata and writes it back. `change`
 * returning false means nothing to do. Returns false when the object is gone.
 */
export async function updateMeta(client: Client, id: Identity, change: (m: NonNullable<ObjectLike['metadata']>) => boolean): Promise<boolean> {
  const live = await getLive(client, id);
  if (!live?.metadata) return false;
  if (!change(live.metadata)) return true;
  try {
    await rc(client, id).update(live);
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    throw e;
  }
}

/** DELETE with a uid precondition, as the collector always does (deleteObject). */
export async function deleteObject(client: Client, id: Identity, policy: Policy): Promise<void> {
  try {
    await rc(client, id).delete(id.name, { propagationPolicy: policy, preconditions: { uid: id.uid } }) as ObjectLike | Status;
  } catch (e) {
    // 409 here is the uid precondition: the name was reused, our object is gone.
    if (isNotFound(e) || isConflict(e)) return;
    throw e;
  }
}
