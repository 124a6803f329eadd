/**
 * Decodes a Kubernetes protobuf request body (`application/vnd.kubernetes.protobuf`) into the
 * plain JSON object the same request would have carried as JSON.
 *
 * The body is the 4-byte magic "k8s\0" followed by a runtime.Unknown message
 * {1 typeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType}; `raw` is the
 * object encoded with its generated.proto message.
 * https://github.com/kubernetes/apimachinery/blob/release-1.33/pkg/runtime/serializer/protobuf/protobuf.go
 */
import { badRequest } from '../errors.ts';
import { SCHEMA } from './schema/index.ts';
import { decodeMessage } from './message.ts';
import { WireReader, WIRE_LEN, malformed, utf8String } from './wire.ts';

export const PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** `apiVersion/kind` → message name. DeleteOptions is accepted under any group (it is shared). */
const KINDS: Record<string, string> = {
  'v1/Namespace': 'Namespace', 'v1/Pod': 'Pod', 'v1/Node': 'Node', 'v1/Event': 'Event', 'v1/ConfigMap': 'ConfigMap',
  'v1/Secret': 'Secret', 'v1/Binding': 'Binding', 'apps/v1/Deployment': 'Deployment', 'apps/v1/ReplicaSet': 'ReplicaSet',
  'coordination.k8s.io/v1/Lease': 'Lease', 'autoscaling/v1/Scale': 'Scale', 'policy/v1/Eviction': 'Eviction',
};

export interface DecodedProtobuf {
  apiVersion: string;
  kind: string;
  object: Record<string, unknown>;
}

interface Unknown { apiVersion: string; kind: string; raw: Uint8Array; contentEncoding: string; contentType: string }

function readUnknown(b: Uint8Array): Unknown {
  const u: Unknown = { apiVersion: '', kind: '', raw: new Uint8Array(), contentEncoding: '', contentType: '' };
  const r = new WireReader(b);
  while (!r.done) {
    const { field, wire } = r.tag();
    if (wire !== WIRE_LEN) { r.skip(wire); continue; }
    const v = r.bytes();
    if (field === 1) {
      const t = new WireReader(v);
      while (!t.done) {
        const tag = t.tag();
        if (tag.wire !== WIRE_LEN) { t.skip(tag.wire); continue; }
        const s = utf8String(t.bytes());
        if (tag.field === 1) u.apiVersion = s;
        else if (tag.field === 2) u.kind = s;
      }
    } else if (field === 2) u.raw = v;
    else if (field === 3) u.contentEncoding = utf8String(v);
    else if (field === 4) u.contentType = utf8String(v);
  }
  return u;
}

export function decodeK8sProtobuf(body: Uint8Array): DecodedProtobuf {
  if (body.length < 4 || PROTOBUF_MAGIC.some((b, i) => body[i] !== b)) {
    throw badRequest('unable to decode protobuf body: missing the "k8s\\x00" prefix');
  }
  const u = readUnknown(body.subarray(4));
  if (!u.kind || !u.apiVersion) throw malformed('the envelope carries no apiVersion/kind');
  if (u.contentEncoding) throw malformed(`unsupported contentEncoding "${u.contentEncoding}"`);
  const message = u.kind === 'DeleteOptions' ? 'DeleteOptions' : KINDS[`${u.apiVersion}/${u.kind}`];
  if (!message) throw badRequest(`unable to decode protobuf body: no protobuf decoding for kind "${u.kind}" in version "${u.apiVersion}"`);
  const fields = decodeMessage(SCHEMA, message, u.raw, u.kind);
  return { apiVersion: u.apiVersion, kind: u.kind, object: { kind: u.kind, apiVersion: u.apiVersion, ...fields } };
}
