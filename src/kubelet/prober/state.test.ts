import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshState, probeTiming, record, type Result, type WorkerState } from './state.ts';
import type { ProbeKind } from './types.ts';

type Outcome = 'success' | 'failure' | 'error';
interface Case { name: string; kind: ProbeKind; outcomes: Outcome[]; success?: number; failure?: number; want: { result: Result; onHold: boolean; changes: number } }

const cases: Case[] = [
  { name: 'readiness starts failed, one success makes it ready', kind: 'readiness', outcomes: ['success'], want: { result: 'success', onHold: false, changes: 1 } },
  { name: 'readiness needs successThreshold successes in a row', kind: 'readiness', outcomes: ['success', 'failure', 'success'], success: 2, want: { result: 'failure', onHold: false, changes: 0 } },
  { name: 'readiness: two successes in a row with threshold 2', kind: 'readiness', outcomes: ['success', 'success'], success: 2, want: { result: 'success', onHold: false, changes: 1 } },
  { name: 'readiness failure below threshold keeps ready', kind: 'readiness', outcomes: ['success', 'failure', 'failure'], failure: 3, want: { result: 'success', onHold: false, changes: 1 } },
  { name: 'readiness failure at threshold: unready, not on hold', kind: 'readiness', outcomes: ['success', 'failure', 'failure', 'failure'], failure: 3, want: { result: 'failure', onHold: false, changes: 2 } },
  { name: 'liveness starts healthy', kind: 'liveness', outcomes: [], want: { result: 'success', onHold: false, changes: 0 } },
  { name: 'liveness failure at threshold 1: failed and on hold', kind: 'liveness', outcomes: ['failure'], failure: 1, want: { result: 'failure', onHold: true, changes: 1 } },
  { name: 'liveness on hold ignores later successes', kind: 'liveness', outcomes: ['failure', 'success', 'success'], failure: 1, want: { result: 'failure', onHold: true, changes: 1 } },
  { name: 'liveness: a success resets the failure run', kind: 'liveness', outcomes: ['failure', 'success', 'failure'], failure: 2, want: { result: 'success', onHold: false, changes: 0 } },
  { name: 'errors are thrown away', kind: 'liveness', outcomes: ['failure', 'error', 'failure'], failure: 2, want: { result: 'failure', onHold: true, changes: 1 } },
  { name: 'startup starts unknown', kind: 'startup', outcomes: ['failure'], failure: 3, want: { result: 'unknown', onHold: false, changes: 0 } },
  { name: 'startup success once', kind: 'startup', outcomes: ['failure', 'success'], failure: 3, want: { result: 'success', onHold: false, changes: 1 } },
  { name: 'startup failure at threshold: on hold', kind: 'startup', outcomes: ['failure', 'failure'], failure: 2, want: { result: 'failure', onHold: true, changes: 1 } },
];

for (const c of cases) {
  test(`probe state: ${c.name}`, () => {
    const t = { successThreshold: c.success ?? 1, failureThreshold: c.failure ?? 3 };
    let s: WorkerState = freshState(c.kind, 'c1');
    let changes = 0;
    for (const o of c.outcomes) { const r = record(c.kind, s, o, t); s = r.state; if (r.changed) changes++; }
    assert.deepEqual({ result: s.result, onHold: s.onHold, changes }, c.want);
  });
}

test('probe timing: API defaults, and liveness/startup succeed once', () => {
  assert.deepEqual(probeTiming({}, 'readiness'), { initialDelayMs: 0, periodMs: 10_000, successThreshold: 1, failureThreshold: 3 });
  assert.deepEqual(probeTiming({ initialDelaySeconds: 2, periodSeconds: 1, successThreshold: 3, failureThreshold: 1 }, 'liveness'),
    { initialDelayMs: 2000, periodMs: 1000, successThreshold: 1, failureThreshold: 1 });
  assert.equal(probeTiming({ successThreshold: 3 }, 'readiness').successThreshold, 3);
});
