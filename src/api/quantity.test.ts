// Cases from k8s.io/apimachinery/pkg/api/resource/quantity_test.go (TestQuantityParse,
// TestQuantityString, TestQuantityParseEmit, TestQuantityCmp) plus the API's usual inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseQuantity, formatQuantity, canonicalQuantity, compareQuantity, addQuantity, subQuantity,
  roundUpQuantity, milliValue, quantityValue, QuantityError, QUANTITY_FORMAT_ERROR, QUANTITY_SUFFIX_ERROR,
  type QuantityFormat,
} from './quantity.ts';

test('canonical form', () => {
  const cases: { input: string | number; want: string }[] = [
    { input: '0', want: '0' }, { input: '0Mi', want: '0' }, { input: '0n', want: '0' },
    { input: '0.5', want: '500m' }, { input: 0.5, want: '500m' }, { input: '1000m', want: '1' },
    { input: '1.5Gi', want: '1536Mi' }, { input: '1e3', want: '1e3' }, { input: '0.1', want: '100m' },
    { input: '129e6', want: '129e6' }, { input: '129M', want: '129M' }, { input: '1024Mi', want: '1Gi' },
    { input: '1000M', want: '1G' }, { input: '.001Ki', want: '1024m' }, { input: '.000001Ki', want: '1024u' },
    { input: '.000000001Ki', want: '1024n' }, { input: '.000000000001Ki', want: '2n' },
    { input: '1Ki', want: '1Ki' }, { input: '6Ki', want: '6Ki' }, { input: '300Mi', want: '300Mi' },
    { input: '1025', want: '1025' }, { input: '5Ki', want: '5Ki' }, { input: '0.5Mi', want: '512Ki' },
    { input: '100.035k', want: '100035' }, { input: '10.035M', want: '10035k' }, { input: '1080m', want: '1080m' },
    { input: '1.08', want: '1080m' }, { input: '80n', want: '80n' }, { input: '3.001n', want: '4n' },
    { input: '0.00000012345', want: '124n' }, { input: '1E-3', want: '1e-3' }, { input: '1.2e3', want: '1200' },
    { input: '1.3E+6', want: '1300e3' }, { input: '0.5e-9', want: '1e-9' }, { input: '1.', want: '1' },
    { input: '1.G', want: '1G' }, { input: '.0001k', want: '100m' }, { input: '12E', want: '12E' },
    { input: '9Ei', want: '9223372036854775807' }, { input: '-1.5Gi', want: '-1536Mi' }, { input: '+3k', want: '3k' },
    { input: '1', want: '1' }, { input: 2, want: '2' }, { input: '50k', want: '50k' }, { input: '0.0005k', want: '500m' },
    { input: '1.5', want: '1500m' }, { input: '1e9', want: '1e9' }, { input: '2Gi', want: '2Gi' }, { input: '1536Ki', want: '1536Ki' },
  ];
  for (const c of cases) assert.equal(canonicalQuantity(c.input), c.want, `input ${c.input}`);
});

test('parsed format', () => {
  const cases: { input: string; want: QuantityFormat }[] = [
    { input: '1Ki', want: 'BinarySI' }, { input: '5n', want: 'DecimalSI' }, { input: '1e3', want: 'DecimalExponent' },
    { input: '0.000000000001Ki', want: 'DecimalSI' }, { input: '100.035Ki', want: 'BinarySI' }, { input: '0.5e0', want: 'DecimalExponent' },
  ];
  for (const c of cases) assert.equal(parseQuantity(c.input).format, c.want, c.input);
});

test('invalid quantities', () => {
  const cases: { input: string; want: string }[] = [
    { input: '1.1.M', want: QUANTITY_FORMAT_ERROR }, { input: '1+1.0M', want: QUANTITY_FORMAT_ERROR },
    { input: '0.1mi', want: QUANTITY_SUFFIX_ERROR }, { input: '0.1am', want: QUANTITY_FORMAT_ERROR },
    { input: 'aoeu', want: QUANTITY_FORMAT_ERROR }, { input: '.5i', want: QUANTITY_SUFFIX_ERROR },
    { input: '1i', want: QUANTITY_SUFFIX_ERROR }, { input: '-3.01i', want: QUANTITY_SUFFIX_ERROR },
    { input: '-3.01e-', want: QUANTITY_SUFFIX_ERROR }, { input: ' 1', want: QUANTITY_FORMAT_ERROR },
    { input: '1 ', want: QUANTITY_FORMAT_ERROR }, { input: '', want: QUANTITY_FORMAT_ERROR }, { input: '1K', want: QUANTITY_SUFFIX_ERROR },
  ];
  for (const c of cases) {
    assert.throws(() => parseQuantity(c.input), (e: unknown) => e instanceof QuantityError && e.message === c.want, c.input);
  }
});

test('compare', () => {
  const cases: { x: string; y: string; want: number }[] = [
    { x: '0', y: '0', want: 0 }, { x: '100m', y: '50m', want: 1 }, { x: '50m', y: '100m', want: -1 },
    { x: '10000T', y: '100Gi', want: 1 }, { x: '1Gi', y: '1024Mi', want: 0 }, { x: '1', y: '1000m', want: 0 },
  ];
  for (const c of cases) assert.equal(compareQuantity(parseQuantity(c.x), parseQuantity(c.y)), c.want, `${c.x} vs ${c.y}`);
});

test('add and subtract keep the suffix family of the non-zero side', () => {
  const cases: { op: 'add' | 'sub'; x: string; y: string; want: string }[] = [
    { op: 'add', x: '100m', y: '0', want: '100m' }, { op: 'add', x: '0', y: '1Gi', want: '1Gi' },
    { op: 'add', x: '1Gi', y: '512Mi', want: '1536Mi' }, { op: 'add', x: '500m', y: '500m', want: '1' },
    { op: 'sub', x: '0', y: '100m', want: '-100m' }, { op: 'sub', x: '1Gi', y: '1Gi', want: '0' },
  ];
  for (const c of cases) {
    const f = c.op === 'add' ? addQuantity : subQuantity;
    assert.equal(formatQuantity(f(parseQuantity(c.x), parseQuantity(c.y))), c.want, `${c.x} ${c.op} ${c.y}`);
  }
});

test('values and rounding', () => {
  const cases: { input: string; milli: number; value: number; milliRounded: string }[] = [
    { input: '1', milli: 1000, value: 1, milliRounded: '1' },
    { input: '100m', milli: 100, value: 1, milliRounded: '100m' },
    { input: '0.0001', milli: 1, value: 1, milliRounded: '1m' },
    { input: '1Gi', milli: 1073741824000, value: 1073741824, milliRounded: '1Gi' },
    { input: '1500u', milli: 2, value: 1, milliRounded: '2m' },
    { input: '-1500u', milli: -2, value: -1, milliRounded: '-2m' },
  ];
  for (const c of cases) {
    const q = parseQuantity(c.input);
    assert.equal(milliValue(q), c.milli, `milli ${c.input}`);
    assert.equal(quantityValue(q), c.value, `value ${c.input}`);
    assert.equal(formatQuantity(roundUpQuantity(q, -3)), c.milliRounded, `rounded ${c.input}`);
  }
});
