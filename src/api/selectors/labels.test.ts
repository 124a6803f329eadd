import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStatusError } from '../errors.ts';
import { formatLabelSelector, fromLabelSelector, matches, parseLabelSelector, selectorToString } from './labels.ts';

const nameRegexMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const valueRegexMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

test('parseLabelSelector: canonical string of valid selectors', () => {
  const cases: { name: string; input: string; want: string }[] = [
    { name: 'empty', input: '', want: '' },
    { name: 'blank', input: '   ', want: '' },
    { name: 'equals', input: 'app=web', want: 'app=web' },
    { name: 'double equals', input: 'app==web', want: 'app==web' },
    { name: 'not equals', input: 'app!=web', want: 'app!=web' },
    { name: 'in, values sorted and deduped', input: 'tier in (b,a,b)', want: 'tier in (a,b)' },
    { name: 'notin', input: 'tier notin (x)', want: 'tier notin (x)' },
    { name: 'exists', input: 'app', want: 'app' },
    { name: 'does not exist', input: '!app', want: '!app' },
    { name: 'sorted by key', input: 'z=1,a=2', want: 'a=2,z=1' },
    { name: 'whitespace tolerant', input: ' app = web ,  tier in ( a , b ) ', want: 'app=web,tier in (a,b)' },
    { name: 'empty value', input: 'app=', want: 'app=' },
    { name: 'empty set', input: 'x in ()', want: 'x in ()' },
    { name: 'empty members', input: 'x in (a,,b)', want: 'x in (,a,b)' },
    { name: 'keyword as value', input: 'x in (in,notin)', want: 'x in (in,notin)' },
    { name: 'keyword as key', input: 'in=1', want: 'in=1' },
    { name: 'prefixed key', input: 'app.kubernetes.io/name=web', want: 'app.kubernetes.io/name=web' },
    { name: 'gt', input: 'n>3', want: 'n>3' },
    { name: 'lt', input: 'n < 3', want: 'n<3' },
    { name: 'upstream example', input: 'x in (foo,,baz),y,z notin ()', want: 'x in (,baz,foo),y,z notin ()' },
  ];
  for (const c of cases) assert.equal(selectorToString(parseLabelSelector(c.input)), c.want, c.name);
});

test('parseLabelSelector: errors carry Kubernetes wording', () => {
  const cases: { name: string; input: string; want: string }[] = [
    { name: 'bad key char', input: 'app:web', want: `unable to parse requirement: <nil>: Invalid value: "app:web": name part ${nameRegexMsg}` },
    { name: 'bad prefix', input: 'Foo_/x=1', want: `unable to parse requirement: <nil>: Invalid value: "Foo_/x": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')` },
    { name: 'two slashes', input: 'a/b/c', want: `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name ${nameRegexMsg} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')` },
    { name: 'key too long', input: `${'k'.repeat(64)}=1`, want: `unable to parse requirement: <nil>: Invalid value: "${'k'.repeat(64)}": name part must be no more than 63 characters` },
    { name: 'bad value', input: 'app=demo-{x}', want: `unable to parse requirement: values[0][app]: Invalid value: "demo-{x}": ${valueRegexMsg}` },
    { name: 'gt not integer', input: 'env>qa', want: `unable to parse requirement: values[0]: Invalid value: "qa": for 'Gt', 'Lt' operators, the value must be an integer` },
    { name: 'negative number is not a label value', input: 'n<-3', want: `unable to parse requirement: values[0][n]: Invalid value: "-3": ${valueRegexMsg}` },
    { name: 'leading operator', input: '=x', want: "found '=', expected: !, identifier, or 'end of string'" },
    { name: 'trailing comma', input: 'a=b,', want: "found '', expected: identifier after ','" },
    { name: 'missing comma', input: 'a=b c=d', want: "found 'c', expected: ',' or 'end of string'" },
    { name: 'in without parens', input: 'a in b', want: "unable to parse requirement: found 'b' expected: '('" },
    { name: 'unclosed set', input: 'a in (b', want: "unable to parse requirement: found '', expected: ',' or ')'" },
    { name: 'bad operator', input: 'a (b)', want: "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt" },
    { name: 'not with value', input: '!a=b', want: "found '=', expected: ',' or 'end of string'" },
    { name: 'bang alone', input: '!', want: "unable to parse requirement: found '', expected: identifier" },
  ];
  for (const c of cases) {
    assert.throws(() => parseLabelSelector(c.input), (e: unknown) => {
      assert.ok(isStatusError(e), c.name);
      assert.equal(e.code, 400, c.name);
      assert.equal(e.message, c.want, c.name);
      return true;
    }, c.name);
  }
});

test('matches', () => {
  const labels = { app: 'web', tier: 'front', n: '5', empty: '' };
  const cases: { name: string; input: string; want: boolean }[] = [
    { name: 'everything', input: '', want: true },
    { name: 'equals hit', input: 'app=web', want: true },
    { name: 'equals miss', input: 'app=db', want: false },
    { name: 'equals on missing key', input: 'zone=a', want: false },
    { name: 'not equals on missing key', input: 'zone!=a', want: true },
    { name: 'not equals same', input: 'app!=web', want: false },
    { name: 'in hit', input: 'tier in (back,front)', want: true },
    { name: 'in miss', input: 'tier in (back)', want: false },
    { name: 'notin missing key', input: 'zone notin (a)', want: true },
    { name: 'notin hit', input: 'tier notin (front)', want: false },
    { name: 'exists', input: 'app', want: true },
    { name: 'exists empty value', input: 'empty', want: true },
    { name: 'empty value equals', input: 'empty=', want: true },
    { name: 'does not exist', input: '!app', want: false },
    { name: 'does not exist missing', input: '!zone', want: true },
    { name: 'gt', input: 'n>4', want: true },
    { name: 'gt equal', input: 'n>5', want: false },
    { name: 'lt', input: 'n<6', want: true },
    { name: 'gt non-numeric label', input: 'app>1', want: false },
    { name: 'AND', input: 'app=web,tier=back', want: false },
  ];
  for (const c of cases) assert.equal(matches(parseLabelSelector(c.input), labels), c.want, c.name);
});

test('fromLabelSelector and formatLabelSelector', () => {
  const cases: { name: string; input: Parameters<typeof fromLabelSelector>[0]; want: string; matchesEmpty: boolean }[] = [
    { name: 'nil selects nothing', input: undefined, want: '<none>', matchesEmpty: false },
    { name: 'empty selects everything', input: {}, want: '<none>', matchesEmpty: true },
    { name: 'matchLabels sorted', input: { matchLabels: { tier: 'a', app: 'web' } }, want: 'app=web,tier=a', matchesEmpty: false },
    {
      name: 'expressions', matchesEmpty: false,
      input: { matchLabels: { app: 'web' }, matchExpressions: [
        { key: 'tier', operator: 'In', values: ['b', 'a'] }, { key: 'env', operator: 'NotIn', values: ['prod'] },
        { key: 'x', operator: 'Exists' }, { key: 'gone', operator: 'DoesNotExist' },
      ] },
      want: 'app=web,env notin (prod),!gone,tier in (a,b),x',
    },
  ];
  for (const c of cases) {
    assert.equal(formatLabelSelector(c.input), c.want, c.name);
    assert.equal(matches(fromLabelSelector(c.input), {}), c.matchesEmpty, c.name);
  }
});

test('fromLabelSelector errors', () => {
  const cases: { name: string; input: Parameters<typeof fromLabelSelector>[0]; want: string }[] = [
    { name: 'bad operator', input: { matchExpressions: [{ key: 'a', operator: 'Equals' }] }, want: '"Equals" is not a valid label selector operator' },
    { name: 'in without values', input: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, want: `values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty` },
    { name: 'exists with values', input: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, want: 'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist' },
    { name: 'bad key', input: { matchLabels: { 'a b': 'x' } }, want: `key: Invalid value: "a b": name part ${nameRegexMsg}` },
    {
      name: 'several errors aggregate', input: { matchExpressions: [{ key: '-a', operator: 'In', values: [] }] },
      want: `[key: Invalid value: "-a": name part ${nameRegexMsg}, values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty]`,
    },
  ];
  for (const c of cases) {
    assert.throws(() => fromLabelSelector(c.input), (e: unknown) => isStatusError(e) && e.message === c.want, c.name);
    assert.equal(formatLabelSelector(c.input), '<error>', c.name);
  }
});
