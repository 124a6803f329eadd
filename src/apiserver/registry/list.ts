/**
 * LIST with selectors and pagination. `limit`/`continue` follow the API's contract
 * (k8s.io/apiserver/pkg/storage/etcd3/store.go GetList): a continue token pins the revision
 * of the first page, so every page reads one consistent snapshot; a token whose revision
 * was compacted gets 410 with Kubernetes' message.
 */
import { badRequest, gone, StatusError } from '../../api/errors.ts';
import type { KObject } from '../../api/meta.ts';
import { CompactedError, FutureRevisionError } from '../../store/types.ts';
import { decode, encodedWithVersion } from './codec.ts';
import { listPrefix } from './keys.ts';
import type { Registry } from './registry.ts';

export type ObjectFilter = (obj: KObject) => boolean;

export interface ListParams {
  namespace?: string;
  filter?: ObjectFilter;
  limit?: number;
  continue?: string;
  /** `resourceVersion` + `resourceVersionMatch=Exact` reads at that revision. */
  exactRevision?: number;
  /** Return JSON texts (`raw`) instead of objects when nothing needs parsing (no filter). */
  raw?: boolean;
}

export interface ListOutput {
  items: KObject[];
  /** With `raw` and no filter: the items as JSON texts, and `items` is empty. */
  raw?: string[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

interface ContinueToken { v: string; rv: number; start: string }

export function encodeContinue(rv: number, lastKey: string, prefix: string): string {
  const t: ContinueToken = { v: 'meta.k8s.io/v1', rv, start: `${lastKey.slice(prefix.length)}\u0000` };
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeContinue(token: string, prefix: string): { rv: number; after: string } {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString()) as ContinueToken;
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string' || t.start.includes('..')) throw new Error();
    // `start` is the key after the last one returned; listing "after" the previous key is equivalent.
    return { rv: t.rv, after: prefix + t.start.replace(/\u0000$/, '') };
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

export async function listObjects(reg: Registry, p: ListParams): Promise<ListOutput> {
  const prefix = listPrefix(reg.info, p.namespace);
  let revision = p.exactRevision ?? 0;
  let after: string | undefined;
  if (p.continue) ({ rv: revision, after } = decodeContinue(p.continue, prefix));
  const limit = p.limit && p.limit > 0 ? p.limit : 0;
  const items: KObject[] = [];
  const raw = p.raw && !p.filter ? [] as string[] : undefined;
  const out = (extra: Partial<ListOutput>): ListOutput => ({ items, ...(raw ? { raw } : {}), resourceVersion: String(revision), ...extra });
  try {
    for (;;) {
      const chunk = limit ? Math.max(limit - (raw ?? items).length, p.filter ? 500 : 0) : 0;
      const res = await reg.store.list(prefix, { revision, after, limit: chunk || undefined });
      revision = res.revision;
      for (let i = 0; i < res.items.length; i++) {
        const kv = res.items[i];
        if (raw) raw.push(encodedWithVersion(kv));
        else {
          const obj = decode(kv);
          if (p.filter && !p.filter(obj)) continue;
          items.push(obj);
        }
        if (limit && (raw ?? items).length === limit) {
          const more = res.more || i < res.items.length - 1;
          if (!more) return out({});
          const remaining = !p.filter && res.remaining !== undefined ? res.remaining + (res.items.length - 1 - i) : undefined;
          return out({ continue: encodeContinue(revision, kv.key, prefix), remainingItemCount: remaining });
        }
      }
      if (!res.more) return out({});
      after = res.items[res.items.length - 1].key;
    }
  } catch (e) {
    if (e instanceof CompactedError && p.continue) {
      throw gone('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.');
    }
    if (e instanceof CompactedError) throw gone(`too old resource version: ${e.requested} (${e.compacted})`);
    if (e instanceof FutureRevisionError) throw tooLargeResourceVersion(e);
    throw e;
  }
}

/**
 * A revision the store has not reached: the real server waits up to 3 s for it, then
 * answers 504 Timeout with a ResourceVersionTooLarge cause (storage.NewTooLargeResourceVersionError);
 * we answer at once, the same way, and clients retry.
 */
function tooLargeResourceVersion(e: FutureRevisionError): StatusError {
  return new StatusError({
    code: 504, reason: 'Timeout', message: `Timeout: Too large resource version: ${e.requested}, current: ${e.current}`,
    details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
  });
}
