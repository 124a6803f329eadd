/**
 * Tokenizer for label selector strings, with the same token boundaries as apimachinery's
 * labels.Lexer (so error messages quote the same literals):
 * https://github.com/kubernetes/kubernetes/blob/v1.33.0/staging/src/k8s.io/apimachinery/pkg/labels/selector.go
 */

export type Token =
  | 'error' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'identifier' | 'in' | '<' | '!=' | 'notin' | '(';

export interface Scanned { tok: Token; lit: string }

/** Literal spellings that are tokens; everything else is an identifier. */
const literalTokens = new Map<string, Token>([
  [')', ')'], [',', ','], ['!', '!'], ['==', '=='], ['=', '='], ['>', '>'], ['in', 'in'],
  ['<', '<'], ['!=', '!='], ['notin', 'notin'], ['(', '('],
]);

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string) => '=!(),><'.includes(ch);

export function scan(input: string): Scanned[] {
  const out: Scanned[] = [];
  let pos = 0;
  for (;;) {
    while (pos < input.length && isWhitespace(input[pos])) pos++;
    if (pos >= input.length) {
      out.push({ tok: 'eos', lit: '' });
      return out;
    }
    if (isSpecial(input[pos])) {
      // Longest run of special characters that still spells a token ("!=", "==").
      let buf = '';
      let last: Scanned | undefined;
      while (pos < input.length && isSpecial(input[pos])) {
        const next = buf + input[pos];
        const tok = literalTokens.get(next);
        if (tok) last = { tok, lit: next };
        else if (last) break;
        buf = next;
        pos++;
      }
      out.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
      continue;
    }
    let buf = '';
    while (pos < input.length && !isSpecial(input[pos]) && !isWhitespace(input[pos])) buf += input[pos++];
    const kw = literalTokens.get(buf);
    out.push({ tok: kw ?? 'identifier', lit: buf });
  }
}
