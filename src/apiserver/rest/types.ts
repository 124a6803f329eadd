/**
 * The REST layer's request and result: transport-neutral, so the HTTP server and the
 * in-process client (src/client) drive the same code, validation and admission included.
 */
import type { KObject } from '../../api/meta.ts';
import type { ResourceInfo } from '../../api/resources.ts';

export interface UserInfo { name: string; groups: string[] }

export interface RestRequest {
  verb: string;
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
  query: URLSearchParams;
  user: UserInfo;
  /** Decoded request body (create, update, delete options, subresource bodies). */
  body?: unknown;
  /** PATCH: the raw patch and its media type. */
  patch?: { type: string; raw: Buffer };
}

export interface RestResult {
  code: number;
  object: KObject;
  /** Texts for `Warning: 299 - "…"` headers. */
  warnings?: string[];
}
