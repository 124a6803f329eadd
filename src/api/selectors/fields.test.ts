import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStatusError } from '../errors.ts';
import { fieldsFor, supportedFields, validateFieldSelector } from './field-sets.ts';
import { fieldSelectorToString, matchesFields, parseFieldSelector, requiresExactMatch } from './fields.ts';

test('parseFieldSelector: terms and canonical string', () => {
  const cases: { name: string; input: string; want: string }[] = [
    { name: 'empty', input: '', want: '' },
    { name: 'equals', input: 'metadata.name=web', want: 'metadata.name=web' },
    { name: 'double equals', input: 'metadata.name==web', want: 'metadata.name=web' },
    { name: 'not equals', input: 'status.phase!=Running', want: 'status.phase!=Running' },
    { name: 'terms sorted', input: 'involvedObject.uid=u,involvedObject.name=n', want: 'involvedObject.name=n,involvedObject.uid=u' },
    { name: 'empty value', input: 'spec.nodeName=', want: 'spec.nodeName=' },
    { name: 'empty terms skipped', input: 'a=1,,b=2', want: 'a=1,b=2' },
    { name: 'escaped comma and equals', input: 'a=x\\,y\\=z\\\\', want: 'a=x\\,y\\=z\\\\' },
  ];
  for (const c of cases) assert.equal(fieldSelectorToString(parseFieldSelector(c.input)), c.want, c.name);
});

test('parseFieldSelector: unescapes values', () => {
  const sel = parseFieldSelector('a=x\\,y\\=z\\\\');
  assert.deepEqual(sel.terms, [{ field: 'a', operator: '=', value: 'x,y=z\\' }]);
});

test('parseFieldSelector: errors', () => {
  const cases: { name: string; input: string; want: string }[] = [
    { name: 'no operator', input: 'foo', want: "invalid selector: 'foo'; can't understand 'foo'" },
    { name: 'second term bad', input: 'a=b,zzz', want: "invalid selector: 'a=b,zzz'; can't understand 'zzz'" },
    { name: 'unescaped equals', input: 'a=b=c', want: 'invalid field selector: unescapedRune character in value: 61' },
    { name: 'bad escape', input: 'a=b\\x', want: 'invalid field selector: invalid escape sequence: \\x' },
    { name: 'trailing backslash', input: 'a=b\\', want: 'invalid field selector: invalid escape sequence: \\' },
  ];
  for (const c of cases) {
    assert.throws(() => parseFieldSelector(c.input), (e: unknown) => isStatusError(e) && e.code === 400 && e.message === c.want, c.name);
  }
});

test('matchesFields', () => {
  const set = { 'metadata.name': 'web', 'status.phase': 'Running', 'spec.nodeName': '' };
  const cases: { name: string; input: string; want: boolean }[] = [
    { name: 'everything', input: '', want: true },
    { name: 'equal', input: 'metadata.name=web', want: true },
    { name: 'double equal miss', input: 'metadata.name==db', want: false },
    { name: 'not equal', input: 'status.phase!=Pending', want: true },
    { name: 'not equal same', input: 'status.phase!=Running', want: false },
    { name: 'unscheduled pods', input: 'spec.nodeName=', want: true },
    { name: 'missing field reads empty', input: 'spec.other=', want: true },
    { name: 'AND', input: 'metadata.name=web,status.phase=Pending', want: false },
  ];
  for (const c of cases) assert.equal(matchesFields(parseFieldSelector(c.input), set), c.want, c.name);
});

test('requiresExactMatch', () => {
  assert.equal(requiresExactMatch(parseFieldSelector('spec.nodeName=n1,status.phase!=x'), 'spec.nodeName'), 'n1');
  assert.equal(requiresExactMatch(parseFieldSelector('spec.nodeName!=n1'), 'spec.nodeName'), undefined);
});

const pod = {
  metadata: { name: 'web-1', namespace: 'default' },
  spec: { nodeName: 'n1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default', hostNetwork: true, containers: [] },
  status: { phase: 'Running', podIP: '10.0.0.5', podIPs: [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }], nominatedNodeName: 'n2' },
};
const event = {
  metadata: { name: 'e1', namespace: 'default' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u1', apiVersion: 'v1', resourceVersion: '7', fieldPath: 'spec.containers{web}' },
  reason: 'Started', type: 'Normal', reportingComponent: 'kubelet', source: { component: '' },
};

test('fieldsFor', () => {
  const cases: { name: string; plural: string; obj: object; want: Record<string, string> }[] = [
    {
      name: 'pod', plural: 'pods', obj: pod, want: {
        'metadata.name': 'web-1', 'metadata.namespace': 'default', 'spec.nodeName': 'n1', 'spec.restartPolicy': 'Always',
        'spec.schedulerName': 'default-scheduler', 'spec.serviceAccountName': 'default', 'spec.hostNetwork': 'true',
        'status.phase': 'Running', 'status.podIP': '10.0.0.5', 'status.podIPs': '10.0.0.5,fd00::5', 'status.nominatedNodeName': 'n2',
      },
    },
    {
      name: 'event (source falls back to reportingComponent)', plural: 'events', obj: event, want: {
        'metadata.name': 'e1', 'metadata.namespace': 'default', 'involvedObject.kind': 'Pod', 'involvedObject.namespace': 'default',
        'involvedObject.name': 'web-1', 'involvedObject.uid': 'u1', 'involvedObject.apiVersion': 'v1',
        'involvedObject.resourceVersion': '7', 'involvedObject.fieldPath': 'spec.containers{web}', 'reason': 'Started',
        'reportingComponent': 'kubelet', 'source': 'kubelet', 'type': 'Normal',
      },
    },
    { name: 'node', plural: 'nodes', obj: { metadata: { name: 'n1' }, spec: { unschedulable: true } }, want: { 'metadata.name': 'n1', 'spec.unschedulable': 'true' } },
    { name: 'node default schedulable', plural: 'nodes', obj: { metadata: { name: 'n1' } }, want: { 'metadata.name': 'n1', 'spec.unschedulable': 'false' } },
    { name: 'namespace', plural: 'namespaces', obj: { metadata: { name: 'x' }, status: { phase: 'Active' } }, want: { 'metadata.name': 'x', 'status.phase': 'Active' } },
    { name: 'secret', plural: 'secrets', obj: { metadata: { name: 's', namespace: 'd' }, type: 'Opaque' }, want: { 'metadata.name': 's', 'metadata.namespace': 'd', type: 'Opaque' } },
    { name: 'replicaset', plural: 'replicasets', obj: { metadata: { name: 'r', namespace: 'd' }, status: { replicas: 3 } }, want: { 'metadata.name': 'r', 'metadata.namespace': 'd', 'status.replicas': '3' } },
    { name: 'deployment (metadata only)', plural: 'deployments', obj: { metadata: { name: 'w', namespace: 'd' } }, want: { 'metadata.name': 'w', 'metadata.namespace': 'd' } },
    { name: 'unknown kind', plural: 'widgets', obj: {}, want: { 'metadata.name': '', 'metadata.namespace': '' } },
  ];
  for (const c of cases) assert.deepEqual(fieldsFor(c.plural, c.obj), c.want, c.name);
});

test('validateFieldSelector', () => {
  const ok: { name: string; plural: string; input: string; want: string }[] = [
    { name: 'pod name', plural: 'pods', input: 'metadata.name=x', want: 'metadata.name=x' },
    { name: 'spec.host alias', plural: 'pods', input: 'spec.host=n1', want: 'spec.nodeName=n1' },
    { name: 'describe pod events', plural: 'events', input: 'involvedObject.uid=u,involvedObject.name=n,involvedObject.namespace=d', want: 'involvedObject.name=n,involvedObject.namespace=d,involvedObject.uid=u' },
    { name: 'node unschedulable', plural: 'nodes', input: 'spec.unschedulable=false', want: 'spec.unschedulable=false' },
  ];
  for (const c of ok) assert.equal(fieldSelectorToString(validateFieldSelector(c.plural, parseFieldSelector(c.input))), c.want, c.name);

  const bad: { name: string; plural: string; input: string; want: string }[] = [
    { name: 'pod labels not selectable', plural: 'pods', input: 'metadata.labels=x', want: 'field label not supported: metadata.labels' },
    { name: 'deployment replicas', plural: 'deployments', input: 'spec.replicas=1', want: 'field label not supported: spec.replicas' },
    { name: 'node namespace', plural: 'nodes', input: 'metadata.namespace=x', want: 'field label not supported: metadata.namespace' },
    { name: 'event message', plural: 'events', input: 'reason=x,message=y', want: 'field label not supported: message' },
  ];
  for (const c of bad) {
    assert.throws(() => validateFieldSelector(c.plural, parseFieldSelector(c.input)),
      (e: unknown) => isStatusError(e) && e.code === 400 && e.reason === 'BadRequest' && e.message === c.want, c.name);
  }
});

test('supportedFields includes aliases', () => {
  assert.ok(supportedFields('pods').includes('spec.host'));
  assert.deepEqual(supportedFields('configmaps'), ['metadata.name', 'metadata.namespace']);
});
