/**
 * Request bodies: read with a size limit (the real server's is 3 MiB for writes), then
 * decode by Content-Type: JSON, YAML, or Kubernetes protobuf (kubectl 1.32+ typed creates).
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseYAML } from 'yaml';
import { badRequest, tooLarge, unsupportedMediaType } from '../../api/errors.ts';
import { decodeK8sProtobuf } from '../../api/protobuf/decode.ts';

export const MAX_BODY = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw tooLarge('Request entity too large: limit is 3145728');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

export const mediaType = (ct: string | undefined) => (ct ?? '').split(';')[0].trim().toLowerCase();

/** Decodes an object body (create, update). An empty Content-Type is read as JSON. */
export function decodeObject(body: Buffer, contentType: string | undefined): Record<string, unknown> {
  const mt = mediaType(contentType);
  let obj: unknown;
  if (mt === 'application/vnd.kubernetes.protobuf') return decodeK8sProtobuf(body).object;
  if (mt === '' || mt === 'application/json' || mt === '*/*') obj = parseJSON(body);
  else if (mt === 'application/yaml' || mt === 'text/yaml' || mt === 'application/apply-patch+yaml') obj = parseYAMLBody(body);
  else throw unsupportedMediaType(mt);
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw badRequest(`Object 'Kind' is missing in '${truncate(body.toString())}'`);
  }
  return obj as Record<string, unknown>;
}

export function parseJSON(body: Buffer): unknown {
  try { return JSON.parse(body.toString('utf8')); } catch (e) {
    throw badRequest(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (${(e as Error).message})`);
  }
}

function parseYAMLBody(body: Buffer): unknown {
  try { return parseYAML(body.toString('utf8'), { version: '1.1', maxAliasCount: 100 }); } catch (e) {
    throw badRequest(`error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}`);
  }
}

const truncate = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);
