// Table tests: objects go through setDefaults then validate, and the errors are rendered as the
// server renders them (`field: body`), so the wording is checked against Kubernetes' own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validate, validateStatusUpdate } from './index.ts';
import { setDefaults } from '../defaults/index.ts';
import { fieldErrorBody, invalid } from '../errors.ts';

type Obj = Record<string, any>;
const clone = <T>(o: T): T => structuredClone(o);

const pod = (patch: (p: Obj) => void = () => {}): Obj => {
  const p: Obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', resourceVersion: '1' },
    spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } };
  patch(p);
  return p;
};
const deploy = (patch: (d: Obj) => void = () => {}): Obj => {
  const d: Obj = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } } };
  patch(d);
  return d;
};
const rs = (patch: (d: Obj) => void = () => {}): Obj => {
  const d = deploy(patch);
  d.kind = 'ReplicaSet';
  delete d.spec.strategy;
  return d;
};
const simple = (apiVersion: string, kind: string, metadata: Obj, rest: Obj = {}): Obj => ({ apiVersion, kind, metadata, ...rest });

const RE_SUB = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const RE_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const POD_FORBIDDEN = 'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

interface Case { name: string; obj: Obj; old?: Obj; want: string[] }

const cases: Case[] = [
  { name: 'valid pod', obj: pod(), want: [] },
  { name: 'pod bad name', obj: pod((p) => { p.metadata.name = 'Bad_Name'; }), want: [`metadata.name: Invalid value: "Bad_Name": ${RE_SUB}`] },
  { name: 'pod no name', obj: pod((p) => { delete p.metadata.name; }), want: ['metadata.name: Required value: name or generateName is required'] },
  { name: 'pod no namespace', obj: pod((p) => { delete p.metadata.namespace; }), want: ['metadata.namespace: Required value'] },
  { name: 'pod bad label value', obj: pod((p) => { p.metadata.labels = { app: 'a b' }; }),
    want: ["metadata.labels: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"] },
  { name: 'pod bad label key prefix', obj: pod((p) => { p.metadata.labels = { '/x': 'y' }; }), want: ['metadata.labels: Invalid value: "/x": prefix part must be non-empty'] },
  { name: 'pod huge annotations', obj: pod((p) => { p.metadata.annotations = { a: 'x'.repeat(256 * 1024) }; }), want: ['metadata.annotations: Too long: must have at most 262144 bytes'] },
  { name: 'owner reference without uid', obj: pod((p) => { p.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs' }]; }),
    want: ['metadata.ownerReferences[0].uid: Invalid value: "": uid must not be empty'] },
  { name: 'no containers', obj: pod((p) => { p.spec.containers = []; }), want: ['spec.containers: Required value'] },
  { name: 'no image', obj: pod((p) => { delete p.spec.containers[0].image; }), want: ['spec.containers[0].image: Required value'] },
  { name: 'bad container name', obj: pod((p) => { p.spec.containers[0].name = 'App'; }), want: [`spec.containers[0].name: Invalid value: "App": ${RE_LABEL}`] },
  { name: 'duplicate container across init', obj: pod((p) => { p.spec.initContainers = [{ name: 'app', image: 'busybox' }]; }),
    want: ['spec.initContainers[0].name: Duplicate value: "app"'] },
  { name: 'port out of range', obj: pod((p) => { p.spec.containers[0].ports = [{ containerPort: 70000 }]; }),
    want: ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'] },
  { name: 'duplicate port names', obj: pod((p) => { p.spec.containers[0].ports = [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }]; }),
    want: ['spec.containers[0].ports[1].name: Duplicate value: "http"'] },
  { name: 'bad protocol', obj: pod((p) => { p.spec.containers[0].ports = [{ containerPort: 80, protocol: 'ICMP' }]; }),
    want: ['spec.containers[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'] },
  { name: 'bad restart policy', obj: pod((p) => { p.spec.restartPolicy = 'Sometimes'; }),
    want: ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'] },
  { name: 'duplicate volumes', obj: pod((p) => { p.spec.volumes = [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }]; }),
    want: ['spec.volumes[1].name: Duplicate value: "v"'] },
  { name: 'two volume sources', obj: pod((p) => { p.spec.volumes = [{ name: 'v', emptyDir: {}, hostPath: { path: '/x' } }]; }),
    want: ['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type'] },
  { name: 'mount of unknown volume', obj: pod((p) => { p.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }]; }),
    want: ['spec.containers[0].volumeMounts[0].name: Not found: "data"'] },
  { name: 'requests above limits', obj: pod((p) => { p.spec.containers[0].resources = { limits: { cpu: '1' }, requests: { cpu: '2' } }; }),
    want: ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'] },
  { name: 'negative memory', obj: pod((p) => { p.spec.containers[0].resources = { requests: { memory: '-1Gi' } }; }),
    want: ['spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0'] },
  { name: 'malformed quantity', obj: pod((p) => { p.spec.containers[0].resources = { requests: { cpu: 'lots' } }; }),
    want: ['spec.containers[0].resources.requests[cpu]: Invalid value: "lots": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\''] },
  { name: 'unknown resource', obj: pod((p) => { p.spec.containers[0].resources = { limits: { gpu: '1' } }; }),
    // Defaulting copies limits into requests, so both lists report it.
    want: ['spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers'] },
  { name: 'bad env name', obj: pod((p) => { p.spec.containers[0].env = [{ name: '1X', value: 'y' }]; }),
    want: ["spec.containers[0].env[0].name: Invalid value: \"1X\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"] },
  { name: 'probe without handler', obj: pod((p) => { p.spec.containers[0].livenessProbe = { periodSeconds: 5 }; }),
    want: ['spec.containers[0].livenessProbe: Required value: must specify a handler type'] },
  { name: 'liveness successThreshold', obj: pod((p) => { p.spec.containers[0].livenessProbe = { tcpSocket: { port: 80 }, successThreshold: 2 }; }),
    want: ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'] },
  { name: 'toleration with seconds but not NoExecute', obj: pod((p) => { p.spec.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }]; }),
    want: ["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must 'NoExecute' when `tolerationSeconds` is set".replace('must ', 'must be ')] },
  { name: 'pod update: image change allowed', old: pod(), obj: pod((p) => { p.spec.containers[0].image = 'nginx:1.26'; }), want: [] },
  { name: 'pod update: name immutable', old: pod(), obj: pod((p) => { p.metadata.name = 'other'; }), want: ['metadata.name: Invalid value: "other": field is immutable'] },
  { name: 'pod update: toleration removed', old: pod((p) => { p.spec.tolerations = [{ key: 'a', operator: 'Exists' }]; }), obj: pod(),
    want: ['spec.tolerations[0]: Forbidden: existing toleration can not be modified except its tolerationSeconds'] },
  { name: 'pod update: activeDeadlineSeconds raised', old: pod((p) => { p.spec.activeDeadlineSeconds = 10; }), obj: pod((p) => { p.spec.activeDeadlineSeconds = 20; }),
    want: ['spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value'] },
  { name: 'valid deployment', obj: deploy(), want: [] },
  { name: 'deployment selector mismatch', obj: deploy((d) => { d.spec.template.metadata.labels = { app: 'other' }; }),
    want: ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`'] },
  { name: 'deployment empty selector', obj: deploy((d) => { d.spec.selector = { matchLabels: {} }; }),
    want: ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'] },
  { name: 'deployment missing selector', obj: deploy((d) => { delete d.spec.selector; }), want: ['spec.selector: Required value'] },
  { name: 'deployment negative replicas', obj: deploy((d) => { d.spec.replicas = -1; }), want: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'] },
  { name: 'deployment template restartPolicy', obj: deploy((d) => { d.spec.template.spec.restartPolicy = 'Never'; }),
    want: ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'] },
  { name: 'deployment revisionHistoryLimit', obj: deploy((d) => { d.spec.revisionHistoryLimit = -2; }),
    want: ['spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0'] },
  { name: 'deployment progress deadline', obj: deploy((d) => { d.spec.minReadySeconds = 700; }),
    want: ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'] },
  { name: 'deployment both zero', obj: deploy((d) => { d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }; }),
    want: ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'] },
  { name: 'deployment recreate with rollingUpdate', obj: deploy((d) => { d.spec.strategy = { type: 'Recreate', rollingUpdate: {} }; }),
    want: ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"] },
  { name: 'deployment update selector', old: deploy(), obj: deploy((d) => { d.spec.selector = { matchLabels: { app: 'web2' } }; d.spec.template.metadata.labels = { app: 'web2' }; }),
    want: ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable'] },
  { name: 'valid replicaset', obj: rs(), want: [] },
  { name: 'replicaset mismatch', obj: rs((d) => { d.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['x'] }] }; }),
    want: ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'] },
  { name: 'valid namespace', obj: simple('v1', 'Namespace', { name: 'team-a' }), want: [] },
  { name: 'namespace with dots', obj: simple('v1', 'Namespace', { name: 'team.a' }), want: ['metadata.name: Invalid value: "team.a": must not contain dots'] },
  { name: 'configmap bad key', obj: simple('v1', 'ConfigMap', { name: 'c', namespace: 'default' }, { data: { 'a b': 'x' } }),
    want: ["data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"] },
  { name: 'immutable configmap', old: simple('v1', 'ConfigMap', { name: 'c', namespace: 'default' }, { immutable: true, data: { a: '1' } }),
    obj: simple('v1', 'ConfigMap', { name: 'c', namespace: 'default' }, { immutable: true, data: { a: '2' } }),
    want: ['data: Forbidden: field is immutable when `immutable` is set'] },
  { name: 'secret too big', obj: simple('v1', 'Secret', { name: 's', namespace: 'default' }, { data: { k: Buffer.alloc(1024 * 1024 + 1).toString('base64') } }),
    want: ['data: Too long: must have at most 1048576 bytes'] },
  { name: 'tls secret without key', obj: simple('v1', 'Secret', { name: 's', namespace: 'default' }, { type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } }),
    want: ['data[tls.key]: Required value'] },
  { name: 'secret key ..', obj: simple('v1', 'Secret', { name: 's', namespace: 'default' }, { stringData: { '..a': 'x' } }),
    want: ["data[..a]: Invalid value: \"..a\": must not start with '..'"] },
  { name: 'event namespace mismatch', obj: simple('v1', 'Event', { name: 'e.1', namespace: 'default' }, { involvedObject: { kind: 'Pod', name: 'p', namespace: 'other' } }),
    want: ['involvedObject.namespace: Invalid value: "other": does not match event.namespace'] },
  { name: 'lease duration', obj: simple('coordination.k8s.io/v1', 'Lease', { name: 'l', namespace: 'kube-node-lease' }, { spec: { leaseDurationSeconds: 0 } }),
    want: ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'] },
  { name: 'node with namespace', obj: simple('v1', 'Node', { name: 'n1', namespace: 'default' }), want: ['metadata.namespace: Forbidden: not allowed on this type'] },
  { name: 'node bad taint effect', obj: simple('v1', 'Node', { name: 'n1' }, { spec: { taints: [{ key: 'k', effect: 'Sometimes' }] } }),
    want: ['spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'] },
];

test('validate', () => {
  const failures: string[] = [];
  for (const c of cases) {
    const obj = clone(c.obj);
    setDefaults(obj.apiVersion, obj.kind, obj);
    let old: Obj | undefined;
    if (c.old) { old = clone(c.old); setDefaults(old.apiVersion, old.kind, old); }
    const got = validate(obj.apiVersion, obj.kind, obj, old).map((e) => `${e.field}: ${fieldErrorBody(e)}`);
    try { assert.deepEqual(got, c.want); } catch { failures.push(`${c.name}:\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(c.want)}`); }
  }
  assert.ok(cases.length >= 40);
  assert.deepEqual(failures, []);
});

test('Bad_Name renders as Kubernetes does through invalid()', () => {
  const obj = pod((p) => { p.metadata.name = 'Bad_Name'; });
  setDefaults('v1', 'Pod', obj);
  const err = invalid('Pod', '', 'Bad_Name', validate('v1', 'Pod', obj));
  assert.equal(err.status.message, `Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${RE_SUB}`);
  assert.equal(err.code, 422);
});

test('pod update of another field is forbidden with the diff', () => {
  const old = pod(); setDefaults('v1', 'Pod', old);
  const obj = pod((p) => { p.spec.nodeName = 'n2'; }); setDefaults('v1', 'Pod', obj);
  const errs = validate('v1', 'Pod', obj, old);
  assert.equal(errs.length, 1);
  const text = `${errs[0].field}: ${fieldErrorBody(errs[0])}`;
  assert.ok(text.startsWith(`${POD_FORBIDDEN}\n  core.PodSpec{`), text);
  assert.match(text, /\+ \tNodeName: "n2",/);
});

test('status updates', () => {
  const cases: { name: string; obj: Obj; want: string[] }[] = [
    { name: 'ok', obj: deploy((d) => { d.status = { replicas: 1, readyReplicas: 1, availableReplicas: 1 }; }), want: [] },
    { name: 'ready above replicas', obj: deploy((d) => { d.status = { replicas: 1, readyReplicas: 2, availableReplicas: 0 }; }),
      want: ['status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas'] },
    { name: 'condition without type', obj: pod((p) => { p.status = { conditions: [{ status: 'True' }] }; }), want: ['status.conditions[0].type: Required value'] },
  ];
  for (const c of cases) {
    const got = validateStatusUpdate(c.obj.apiVersion, c.obj.kind, c.obj, c.obj).map((e) => `${e.field}: ${fieldErrorBody(e)}`);
    assert.deepEqual(got, c.want, c.name);
  }
});
