/**
 * Names for `generateName`: five characters from the alphabet Kubernetes uses for them,
 * which leaves out vowels and look-alikes (k8s.io/apiserver/pkg/storage/names/generate.go,
 * util/rand String). Randomness is injected so tests can fix it.
 */
import { randomInt } from 'node:crypto';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_NAME = 63;

export type RandomInt = (max: number) => number;

export function generateName(base: string, rand: RandomInt = randomInt): string {
  const prefix = base.length > MAX_NAME - 5 ? base.slice(0, MAX_NAME - 5) : base;
  let s = '';
  for (let i = 0; i < 5; i++) s += ALPHABET[rand(ALPHABET.length)];
  return prefix + s;
}
