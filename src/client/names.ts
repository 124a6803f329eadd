/**
 * Generated names, injectable. Same shape as the API server's `generateName`: the base
 * (cut to 58 characters) followed by five characters from the alphabet Kubernetes uses,
 * which has no vowels and no look-alikes (k8s.io/apiserver/pkg/storage/names/generate.go,
 * k8s.io/apimachinery/pkg/util/rand String). Pass a base ending in '-' (`web-` → `web-x7k2p`).
 */
import { randomInt } from 'node:crypto';

export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const SUFFIX = 5;
const MAX_BASE = 63 - SUFFIX;

export interface NameGenerator {
  generate(base: string): string;
}

const join = (base: string, suffix: string) => (base.length > MAX_BASE ? base.slice(0, MAX_BASE) : base) + suffix;

/** Random suffixes; `rand(n)` returns an integer in [0, n). */
export function randomNames(rand: (n: number) => number = randomInt): NameGenerator {
  return {
    generate(base) {
      let s = '';
      for (let i = 0; i < SUFFIX; i++) s += NAME_ALPHABET[rand(NAME_ALPHABET.length)];
      return join(base, s);
    },
  };
}

/**
 * Predictable names for tests: suffixes count up through the alphabet per generator
 * (`bbbbb`, `bbbbc`, …), so a test can say which name the second create got.
 */
export function fakeNames(): NameGenerator & { count: number } {
  const g = {
    count: 0,
    generate(base: string) {
      let n = g.count++;
      let s = '';
      for (let i = 0; i < SUFFIX; i++) {
        s = NAME_ALPHABET[n % NAME_ALPHABET.length] + s;
        n = Math.floor(n / NAME_ALPHABET.length);
      }
      return join(base, s);
    },
  };
  return g;
}
