import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkObject, typeErrors } from './types.ts';
import * as fields from './fields.ts';
import { ensureBuilt } from './build-fixture.ts';

await ensureBuilt();

const container = { name: 'web', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { limits: { cpu: '500m', memory: 1073741824 } } };
const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'web' }, annotations: { 'a/b': 'c' } }, spec: { containers: [container] } };
const deploy = (spec: object) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });
const podSpec = (c: object) => ({ spec: { containers: [container, c] } });
const podPrefix = 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal';
const depPrefix = 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal';

test('typeErrors', () => {
  const cases: { name: string; input: [string, string, unknown]; want: string | undefined }[] = [
    { name: 'valid pod', input: ['v1', 'Pod', pod], want: undefined },
    { name: 'valid deployment with int-or-string and nulls', input: ['apps/v1', 'Deployment', deploy({
      replicas: 3, selector: { matchLabels: { app: 'web' } }, strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      progressDeadlineSeconds: null, template: { metadata: { labels: { app: 'web' }, creationTimestamp: null }, spec: { containers: [container] } },
    })], want: undefined },
    { name: 'valid configmap', input: ['v1', 'ConfigMap', { metadata: { name: 'c' }, data: { 'a.txt': 'x' }, immutable: false }], want: undefined },
    { name: 'valid namespace', input: ['v1', 'Namespace', { metadata: { name: 'n' }, spec: { finalizers: ['kubernetes'] } }], want: undefined },
    { name: 'valid lease', input: ['coordination.k8s.io/v1', 'Lease', { spec: { holderIdentity: 'n', leaseDurationSeconds: 40, renewTime: '2024-01-01T00:00:00.000000Z' } }], want: undefined },
    { name: 'replicas as a string', input: ['apps/v1', 'Deployment', deploy({ replicas: 'x' })],
      want: `${depPrefix} string into Go struct field DeploymentSpec.spec.replicas of type int32` },
    { name: 'replicas not whole', input: ['apps/v1', 'Deployment', deploy({ replicas: 1.5 })],
      want: `${depPrefix} number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32` },
    { name: 'replicas out of int32 range', input: ['apps/v1', 'Deployment', deploy({ replicas: 2 ** 31 })],
      want: `${depPrefix} number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32` },
    { name: 'int64 field takes a large number', input: ['apps/v1', 'Deployment', deploy({ template: { spec: { containers: [container], terminationGracePeriodSeconds: 2 ** 40 } } })], want: undefined },
    { name: 'paused as a string', input: ['apps/v1', 'Deployment', deploy({ paused: 'true' })],
      want: `${depPrefix} string into Go struct field DeploymentSpec.spec.paused of type bool` },
    { name: 'containerPort in nested lists, no indices in the path', input: ['v1', 'Pod', { spec: { containers: [{ name: 'a', ports: [{ containerPort: '80' }] }] } }],
      want: `${podPrefix} string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32` },
    { name: 'template container image as a number', input: ['apps/v1', 'Deployment', deploy({ template: podSpec({ name: 'b', image: 5 }) })],
      want: `${depPrefix} number into Go struct field Container.spec.template.spec.containers.image of type string` },
    { name: 'list element of the wrong type', input: ['v1', 'Pod', { spec: { containers: ['web'] } }],
      want: `${podPrefix} string into Go struct field PodSpec.spec.containers of type v1.Container` },
    { name: 'object where a list goes', input: ['v1', 'Pod', { spec: { containers: { name: 'web' } } }],
      want: `${podPrefix} object into Go struct field PodSpec.spec.containers of type []v1.Container` },
    { name: 'spec as a string', input: ['apps/v1', 'Deployment', { spec: 'x' }],
      want: `${depPrefix} string into Go struct field Deployment.spec of type v1.DeploymentSpec` },
    { name: 'metadata as a number', input: ['v1', 'Namespace', { metadata: 5 }],
      want: 'Namespace in version "v1" cannot be handled as a Namespace: json: cannot unmarshal number into Go struct field Namespace.metadata of type v1.ObjectMeta' },
    { name: 'label with a number value', input: ['v1', 'Pod', { metadata: { labels: { app: 'web', tier: 1 } } }],
      want: `${podPrefix} number into Go struct field ObjectMeta.metadata.labels of type string` },
    { name: 'labels as a list', input: ['v1', 'Pod', { metadata: { labels: [{ app: 'web' }] } }],
      want: `${podPrefix} array into Go struct field ObjectMeta.metadata.labels of type map[string]string` },
    { name: 'configmap data with a bool', input: ['v1', 'ConfigMap', { data: { debug: true } }],
      want: 'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal bool into Go struct field ConfigMap.data of type string' },
    { name: 'namespace finalizers element', input: ['v1', 'Namespace', { spec: { finalizers: [1] } }],
      want: 'Namespace in version "v1" cannot be handled as a Namespace: json: cannot unmarshal number into Go struct field NamespaceSpec.spec.finalizers of type string' },
    { name: 'lease transitions as a string', input: ['coordination.k8s.io/v1', 'Lease', { spec: { leaseTransitions: '4' } }],
      want: 'Lease in version "v1" cannot be handled as a Lease: json: cannot unmarshal string into Go struct field LeaseSpec.spec.leaseTransitions of type int32' },
    { name: 'lease renewTime as a number (Time decodes itself)', input: ['coordination.k8s.io/v1', 'Lease', { spec: { renewTime: 5 } }],
      want: 'Lease in version "v1" cannot be handled as a Lease: json: cannot unmarshal number into Go value of type string' },
    { name: 'int-or-string as a bool', input: ['apps/v1', 'Deployment', deploy({ strategy: { rollingUpdate: { maxSurge: true } } })],
      want: `${depPrefix} bool into Go value of type int32` },
    { name: 'quantity as an object', input: ['v1', 'Pod', podSpec({ name: 'b', resources: { requests: { cpu: { m: 1 } } } })],
      want: `Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'` },
    { name: 'a self-decoding error wins over an earlier kept one', input: ['apps/v1', 'Deployment', deploy({ replicas: 'x', strategy: { rollingUpdate: { maxUnavailable: [] } } })],
      want: `${depPrefix} array into Go value of type int32` },
    { name: 'the first of two plain errors', input: ['v1', 'Pod', { metadata: { name: 1 }, spec: { hostNetwork: 'yes' } }],
      want: `${podPrefix} number into Go struct field ObjectMeta.metadata.name of type string` },
    { name: 'wrong value inside an unknown field is not looked at', input: ['v1', 'Pod', { spec: { containers: [container], bogus: { replicas: 'x' } } }], want: undefined },
    { name: 'body is an array', input: ['apps/v1', 'Deployment', [{ kind: 'Deployment' }]],
      want: 'the object provided is unrecognized (must be of type Deployment): couldn\'t get version/kind; json parse error: json: cannot unmarshal array into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (5b7b226b696e64223a224465706c6f796d656e74227d5d)' },
    { name: 'body is a string', input: ['v1', 'Pod', 'x'],
      want: 'the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" } (227822)' },
    { name: 'apiVersion as a number', input: ['v1', 'Pod', { apiVersion: 1, kind: 'Pod', metadata: { name: 'a-long-pod-name' } }],
      want: 'the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: json: cannot unmarshal number into Go struct field .apiVersion of type string ({"apiVersion":1,"kind":"Pod"," ...)' },
    { name: 'null body', input: ['v1', 'Pod', null], want: undefined },
    { name: 'unknown kind is not checked', input: ['v1', 'Nope', { spec: 'x' }], want: undefined },
  ];
  for (const c of cases) assert.equal(typeErrors(...c.input), c.want, c.name);
});

test('checkObject gives both results from one walk', () => {
  const cases: { name: string; input: [string, string, unknown]; want: ReturnType<typeof checkObject> }[] = [
    { name: 'unknown fields only', input: ['v1', 'Pod', { ...pod, foo: 1 }], want: { unknown: ['foo'] } },
    { name: 'type error and unknown field', input: ['apps/v1', 'Deployment', deploy({ replicas: 'x', foo: 1 })],
      want: { typeError: `${depPrefix} string into Go struct field DeploymentSpec.spec.replicas of type int32`, unknown: ['spec.foo'] } },
  ];
  for (const c of cases) assert.deepEqual(checkObject(...c.input), c.want, c.name);
  assert.equal(fields.typeErrors, typeErrors, 'fields.ts re-exports typeErrors');
  assert.equal(fields.checkObject, checkObject, 'fields.ts re-exports checkObject');
});

test('checkObject is fast on a deployment', () => {
  const d = deploy({ replicas: 3, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [container] } } });
  checkObject('apps/v1', 'Deployment', d);
  const t = performance.now();
  for (let i = 0; i < 10_000; i++) checkObject('apps/v1', 'Deployment', d);
  const per = (performance.now() - t) / 10_000;
  assert.ok(per < 0.05, `${per} ms per check`);
});
