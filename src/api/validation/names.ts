/**
 * String format checks, each returning Kubernetes' messages (empty when valid). Wording and
 * regular expressions are those of k8s.io/apimachinery/pkg/util/validation/validation.go
 * (v1.30), since scripts and tutorials match on them.
 */
const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = `(${QUALIFIED_NAME})?`;
const CONFIG_KEY = '[-._a-zA-Z0-9]+';
const ENV_VAR_NAME = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const PERCENT = '[0-9]+%';
const whole = (fmt: string) => new RegExp(`^${fmt}$`);
const labelRe = whole(DNS1123_LABEL);
const subdomainRe = whole(DNS1123_SUBDOMAIN);
const qualifiedRe = whole(QUALIFIED_NAME);
const labelValueRe = whole(LABEL_VALUE);
const configKeyRe = whole(CONFIG_KEY);
const envVarRe = whole(ENV_VAR_NAME);
const percentRe = whole(PERCENT);

export const maxLenError = (n: number) => `must be no more than ${n} characters`;
export const emptyError = () => 'must be non-empty';
export const inclusiveRangeError = (lo: number, hi: number) => `must be between ${lo} and ${hi}, inclusive`;

/** "msg (e.g. 'a',  or 'b', regex used for validation is 'fmt')": the double space is Kubernetes'. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
const ENV_VAR_MSG = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%'";

export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!labelRe.test(v)) {
    errs.push(subdomainRe.test(v) ? 'must not contain dots' : regexError(LABEL_MSG, DNS1123_LABEL, 'my-name', '123-abc'));
  }
  return errs;
}

export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!subdomainRe.test(v)) errs.push(regexError(SUBDOMAIN_MSG, DNS1123_SUBDOMAIN, 'example.com'));
  return errs;
}

/** Label keys, annotation keys, finalizers: `[prefix/]name` (IsQualifiedName). */
export function isQualifiedName(v: string): string[] {
  const errs: string[] = [];
  const parts = v.split('/');
  let name = parts[0];
  if (parts.length > 2) {
    return [`a qualified name ${regexError(QUALIFIED_MSG, QUALIFIED_NAME, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!qualifiedRe.test(name)) errs.push(`name part ${regexError(QUALIFIED_MSG, QUALIFIED_NAME, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export function isValidLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!labelValueRe.test(v)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE, 'MyValue', 'my_value', '12345'));
  return errs;
}

function chDirPrefix(v: string): string[] {
  if (v === '.') return ["must not be '.'"];
  if (v === '..') return ["must not be '..'"];
  if (v.startsWith('..')) return ["must not start with '..'"];
  return [];
}

export function isConfigMapKey(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!configKeyRe.test(v)) errs.push(regexError(CONFIG_KEY_MSG, CONFIG_KEY, 'key.name', 'KEY_NAME', 'key-name'));
  return [...errs, ...chDirPrefix(v)];
}

export function isEnvVarName(v: string): string[] {
  const errs = envVarRe.test(v) ? [] : [regexError(ENV_VAR_MSG, ENV_VAR_NAME, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1')];
  return [...errs, ...chDirPrefix(v)];
}

export function isValidPortNum(p: number): string[] {
  return Number.isInteger(p) && p >= 1 && p <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

export function isValidPortName(p: string): string[] {
  const errs: string[] = [];
  if (p.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(p)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(p)) errs.push('must contain at least one letter (a-z)');
  if (p.includes('--')) errs.push('must not contain consecutive hyphens');
  if (p.startsWith('-') || p.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

export function isValidPercent(v: string): string[] {
  return percentRe.test(v) ? [] : [regexError(PERCENT_MSG, PERCENT, '1%', '93%')];
}

/**
 * Name checks for metadata.name (NameIsDNSSubdomain / NameIsDNSLabel): with `prefix` true the
 * value is a generateName, whose trailing dash is allowed.
 */
export type NameValidator = (name: string, prefix: boolean) => string[];
const maskTrailingDash = (n: string) => (n.length > 1 && n.endsWith('-') ? `${n.slice(0, -2)}a` : n);
export const nameIsDNSSubdomain: NameValidator = (n, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(n) : n);
export const nameIsDNSLabel: NameValidator = (n, prefix) => isDNS1123Label(prefix ? maskTrailingDash(n) : n);
