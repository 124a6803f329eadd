import { test } from 'node:test';
import assert from 'node:assert/strict';
import { age, humanDuration } from './age.ts';

const s = 1000, m = 60 * s, h = 60 * m, d = 24 * h, y = 365 * d;

test('humanDuration', () => {
  const cases: { name: string; input: number; want: string }[] = [
    { name: 'far future', input: -2 * s, want: '<invalid>' },
    { name: 'skew tolerated', input: -1500, want: '0s' },
    { name: 'zero', input: 0, want: '0s' },
    { name: 'sub-second', input: 999, want: '0s' },
    { name: 'seconds', input: 59 * s, want: '59s' },
    { name: 'seconds up to 2m', input: 119 * s, want: '119s' },
    { name: 'two minutes', input: 2 * m, want: '2m' },
    { name: 'minutes and seconds', input: 2 * m + 3 * s, want: '2m3s' },
    { name: '9m59s', input: 9 * m + 59 * s, want: '9m59s' },
    { name: '10 minutes drops seconds', input: 10 * m + 30 * s, want: '10m' },
    { name: 'minutes up to 3h', input: 179 * m, want: '179m' },
    { name: 'three hours', input: 3 * h, want: '3h' },
    { name: 'hours and minutes', input: 3 * h + 4 * m, want: '3h4m' },
    { name: 'eight hours', input: 8 * h + 5 * m, want: '8h' },
    { name: 'hours up to 48', input: 47 * h, want: '47h' },
    { name: 'two days', input: 2 * d, want: '2d' },
    { name: 'days and hours', input: 2 * d + 3 * h, want: '2d3h' },
    { name: 'eight days', input: 8 * d + 3 * h, want: '8d' },
    { name: 'days up to 2y', input: 729 * d, want: '729d' },
    { name: 'years and days', input: 3 * y + 45 * d, want: '3y45d' },
    { name: 'exact years', input: 2 * y, want: '2y' },
    { name: 'eight years', input: 8 * y + 100 * d, want: '8y' },
  ];
  for (const c of cases) assert.equal(humanDuration(c.input), c.want, c.name);
});

test('age', () => {
  const now = new Date('2024-05-01T12:00:00Z');
  const cases: { name: string; input: string | undefined; want: string }[] = [
    { name: 'missing', input: undefined, want: '<unknown>' },
    { name: 'empty', input: '', want: '<unknown>' },
    { name: 'garbage', input: 'yesterday', want: '<unknown>' },
    { name: 'five minutes', input: '2024-05-01T11:55:00Z', want: '5m' },
    { name: 'days', input: '2024-04-29T09:00:00Z', want: '2d3h' },
  ];
  for (const c of cases) assert.equal(age(c.input, now), c.want, c.name);
});
