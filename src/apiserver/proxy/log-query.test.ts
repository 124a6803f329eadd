import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubeletLogQuery } from './log-query.ts';

test('kubeletLogQuery validates and rebuilds the kubelet query', () => {
  const cases = [
    { name: 'nothing', input: 'container=c', want: '' },
    { name: 'all options', input: 'follow=true&previous=1&timestamps=true&tailLines=2&limitBytes=5&sinceSeconds=10&container=c',
      want: 'follow=true&previous=true&timestamps=true&sinceSeconds=10&tailLines=2&limitBytes=5' },
    { name: 'false flags dropped', input: 'follow=false', want: '' },
    { name: 'sinceTime to seconds', input: 'sinceTime=2026-01-01T00:00:00.5Z', want: 'sinceTime=2026-01-01T00%3A00%3A00Z' },
    { name: 'negative tail', input: 'tailLines=-1', want: 'error 422: PodLogOptions "p" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0' },
    { name: 'zero bytes', input: 'limitBytes=0', want: 'error 422: PodLogOptions "p" is invalid: limitBytes: Invalid value: 0: must be greater than 0' },
    { name: 'both since', input: 'sinceSeconds=1&sinceTime=2026-01-01T00:00:00Z', want: 'error 422: PodLogOptions "p" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified' },
    { name: 'not a number', input: 'tailLines=x', want: 'error 400: strconv.ParseInt: parsing "x": invalid syntax' },
  ];
  for (const c of cases) {
    let got: string;
    try { got = kubeletLogQuery(new URLSearchParams(c.input), 'p').toString(); } catch (e) {
      got = `error ${(e as { code: number }).code}: ${(e as Error).message}`;
    }
    assert.equal(got, c.want, c.name);
  }
});
