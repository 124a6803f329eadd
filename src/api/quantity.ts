/**
 * Kubernetes resource quantities (`500m`, `1.5Gi`, `1e3`): parse, compare, add, and print the
 * canonical form the API server stores and returns.
 *
 * Follows k8s.io/apimachinery/pkg/api/resource (quantity.go, suffix.go) at v1.30:
 * - a value is kept as a whole number of nano-units; parsing rounds away from zero to 1n, as
 *   ParseQuantity does ("if you want some resources, you should get some resources");
 * - the suffix family picks the format: decimal SI (`m`, `k`, `M` …), binary SI (`Ki`, `Mi` …) or
 *   a decimal exponent (`e3`); the canonical string keeps that family: `1e3` stays `1e3`,
 *   `1000m` becomes `1`, `1.5Gi` becomes `1536Mi`;
 * - binary values under 1024 (or with a fraction) print as decimal SI; binary values are capped
 *   at 2^63-1 as Kubernetes does.
 */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in units of 10^-9. */
  nanos: bigint;
  format: QuantityFormat;
}

/** The three error texts apimachinery gives (ErrFormatWrong, ErrNumeric, ErrSuffix). */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

export class QuantityError extends Error {}

const NANO = 10n ** 9n;
const MAX_BINARY = (2n ** 63n - 1n) * NANO;
/** Exponents past this would only build enormous integers; Kubernetes' own limit is int32. */
const MAX_EXPONENT = 400;

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const SUFFIX_CHARS = 'eEinumkKMGTP';

interface Parts { positive: boolean; num: string; denom: string; suffix: string }

/** Splits `-1.5Gi` into sign, integer digits, fraction digits and suffix (parseQuantityString). */
function split(str: string): Parts {
  let pos = 0;
  let positive = true;
  if (str[0] === '-') { positive = false; pos++; } else if (str[0] === '+') pos++;
  while (str[pos] === '0') pos++;
  let start = pos;
  while (pos < str.length && str[pos] >= '0' && str[pos] <= '9') pos++;
  const num = str.slice(start, pos) || '0';
  let denom = '';
  if (str[pos] === '.') {
    start = ++pos;
    while (pos < str.length && str[pos] >= '0' && str[pos] <= '9') pos++;
    denom = str.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && SUFFIX_CHARS.includes(str[pos])) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < str.length && str[pos] >= '0' && str[pos] <= '9') pos++;
  if (pos < str.length) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } {
  if (suffix in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  if (suffix in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) > MAX_EXPONENT) throw new QuantityError(QUANTITY_NUMERIC_ERROR);
    return { base: 10, exponent, format: 'DecimalExponent' };
  }
  throw new QuantityError(QUANTITY_SUFFIX_ERROR);
}

/** Integer division rounding away from zero (inf.RoundUp). */
function divAway(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a ? q : q + (a < 0n ? -1n : 1n);
}

/** Parses a quantity as the API accepts it: a string, or a JSON number. Throws QuantityError. */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? String(input) : input;
  if (typeof str !== 'string' || str.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const { positive, num, denom, suffix } = split(str);
  const { base, exponent, format: parsedFormat } = interpretSuffix(suffix);
  let format = parsedFormat;
  // digits × 10^(-len(denom)) × multiplier, expressed in nanos: keep an exact fraction, then round.
  let numerator = BigInt(num + denom) * NANO;
  let denominator = 10n ** BigInt(denom.length);
  if (base === 2) numerator *= 2n ** BigInt(exponent);
  else if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator *= 10n ** BigInt(-exponent);
  let nanos = divAway(numerator, denominator);
  if (format === 'BinarySI') {
    if (nanos > MAX_BINARY) nanos = MAX_BINARY;
    // A binary value below one has no binary spelling: Kubernetes switches it to decimal.
    if (nanos > 0n && nanos < NANO) format = 'DecimalSI';
  }
  return { nanos: positive ? nanos : -nanos, format };
}

/** Parses, returning undefined instead of throwing. */
export function tryParseQuantity(input: unknown): Quantity | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') return undefined;
  try { return parseQuantity(input); } catch { return undefined; }
}

/** The canonical string (Quantity.String()): `500m`, `1`, `1536Mi`, `1e3`, `129M`. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  let format = q.format;
  const abs = q.nanos < 0n ? -q.nanos : q.nanos;
  if (format === 'BinarySI' && (abs < 1024n * NANO || abs % NANO !== 0n)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let mantissa = q.nanos / NANO;
    let power = 0;
    while (power < BINARY_BY_POWER.length - 1 && mantissa % 1024n === 0n) { mantissa /= 1024n; power++; }
    return `${mantissa}${BINARY_BY_POWER[power]}`;
  }
  let mantissa = q.nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) { mantissa /= 10n; exponent++; }
  // Decimal forms use exponents that are multiples of three (1080m, not 108e-2).
  const extra = ((exponent % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(extra);
  exponent -= extra;
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = DECIMAL_BY_EXPONENT.get(exponent);
  if (suffix !== undefined) return `${mantissa}${suffix}`;
  // Past exa there is no SI suffix: write the remaining thousands out.
  return `${mantissa * 10n ** BigInt(exponent - 18)}E`;
}

/** Parses and prints canonically; throws QuantityError on a bad quantity. */
export const canonicalQuantity = (input: string | number): string => formatQuantity(parseQuantity(input));

export function compareQuantity(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

/** a + b, keeping a's format unless a is zero (Quantity.Add). */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos + b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

export function subQuantity(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos, format: a.nanos === 0n ? b.format : a.format };
}

/** Rounds away from zero to a multiple of 10^scale (Quantity.RoundUp); scale -3 is milli. */
export function roundUpQuantity(q: Quantity, scale: number): Quantity {
  const unit = 10n ** BigInt(scale + 9);
  return { nanos: divAway(q.nanos, unit) * unit, format: q.format };
}

/** The value in units of 10^scale, rounded away from zero (ScaledValue). */
export function scaledValue(q: Quantity, scale: number): number {
  return Number(divAway(q.nanos, 10n ** BigInt(scale + 9)));
}

export const milliValue = (q: Quantity): number => scaledValue(q, -3);
export const quantityValue = (q: Quantity): number => scaledValue(q, 0);
