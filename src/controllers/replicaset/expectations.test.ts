import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../client/clock.ts';
import { EXPECTATIONS_TIMEOUT_MS, Expectations } from './expectations.ts';

type Step = { do: 'create'; n: number } | { do: 'delete'; keys: string[] } | { do: 'created' } | { do: 'deleted'; key: string } | { do: 'step'; ms: number } | { do: 'forget' };

const cases: { name: string; steps: Step[]; want: boolean }[] = [
  { name: 'nothing recorded: satisfied', steps: [], want: true },
  { name: 'creations pending', steps: [{ do: 'create', n: 2 }, { do: 'created' }], want: false },
  { name: 'all creations seen', steps: [{ do: 'create', n: 2 }, { do: 'created' }, { do: 'created' }], want: true },
  { name: 'deletions pending', steps: [{ do: 'delete', keys: ['ns/a', 'ns/b'] }, { do: 'deleted', key: 'ns/a' }], want: false },
  { name: 'a deletion seen twice counts once', steps: [{ do: 'delete', keys: ['ns/a', 'ns/b'] }, { do: 'deleted', key: 'ns/a' }, { do: 'deleted', key: 'ns/a' }], want: false },
  { name: 'an unexpected deletion does not count', steps: [{ do: 'delete', keys: ['ns/a'] }, { do: 'deleted', key: 'ns/zzz' }], want: false },
  { name: 'all deletions seen', steps: [{ do: 'delete', keys: ['ns/a', 'ns/b'] }, { do: 'deleted', key: 'ns/b' }, { do: 'deleted', key: 'ns/a' }], want: true },
  { name: 'not yet expired at 5 min', steps: [{ do: 'create', n: 1 }, { do: 'step', ms: EXPECTATIONS_TIMEOUT_MS }], want: false },
  { name: 'expired after 5 min', steps: [{ do: 'create', n: 1 }, { do: 'step', ms: EXPECTATIONS_TIMEOUT_MS + 1 }], want: true },
  { name: 'new expectations restart the timer', steps: [{ do: 'create', n: 1 }, { do: 'step', ms: 4 * 60_000 }, { do: 'create', n: 1 }, { do: 'step', ms: 2 * 60_000 }], want: false },
  { name: 'forgotten (ReplicaSet deleted)', steps: [{ do: 'create', n: 3 }, { do: 'forget' }], want: true },
];

describe('Expectations', () => {
  for (const c of cases) {
    it(c.name, () => {
      const clock = new FakeClock();
      const e = new Expectations(clock);
      const key = 'ns/web';
      for (const s of c.steps) {
        if (s.do === 'create') e.expectCreations(key, s.n);
        else if (s.do === 'delete') e.expectDeletions(key, s.keys);
        else if (s.do === 'created') e.creationObserved(key);
        else if (s.do === 'deleted') e.deletionObserved(key, s.key);
        else if (s.do === 'step') clock.step(s.ms);
        else e.delete(key);
      }
      assert.equal(e.satisfied(key), c.want);
      assert.equal(e.satisfied('ns/other'), true, 'keys are independent');
    });
  }
});
