/**
 * Decoding an object body by its media type: JSON, YAML (also the apply-patch body), or
 * Kubernetes protobuf (kubectl 1.32+ typed creates). The YAML library is loaded on the
 * first YAML body only: most traffic is JSON, and an idle server stays smaller without it.
 */
import { badRequest, unsupportedMediaType } from './errors.ts';
import { decodeK8sProtobuf } from './protobuf/decode.ts';

export const mediaType = (ct: string | undefined) => (ct ?? '').split(';')[0].trim().toLowerCase();

const YAML_TYPES = new Set(['application/yaml', 'text/yaml', 'application/apply-patch+yaml']);

/** An empty Content-Type is read as JSON. The result is always a JSON object. */
export async function decodeObject(body: Buffer, contentType: string | undefined): Promise<Record<string, unknown>> {
  const mt = mediaType(contentType);
  let obj: unknown;
  if (mt === 'application/vnd.kubernetes.protobuf') return decodeK8sProtobuf(body).object;
  if (mt === '' || mt === 'application/json' || mt === '*/*') obj = parseJSON(body);
  else if (YAML_TYPES.has(mt)) obj = await parseYAML(body);
  else throw unsupportedMediaType(mt);
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw badRequest(`Object 'Kind' is missing in '${truncate(body.toString())}'`);
  }
  return obj as Record<string, unknown>;
}

function parseJSON(body: Buffer): unknown {
  try { return JSON.parse(body.toString('utf8')); } catch (e) {
    throw badRequest(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (${(e as Error).message})`);
  }
}

async function parseYAML(body: Buffer): Promise<unknown> {
  const { parse } = await import('yaml');
  try { return parse(body.toString('utf8'), { version: '1.1', maxAliasCount: 100 }); } catch (e) {
    throw badRequest(`error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}`);
  }
}

const truncate = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);
