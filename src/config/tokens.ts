/**
 * Tokens (CfnParameter, Fn.importValue, SSM parameters, Lazy values) only resolve at deploy time.
 * These helpers tell the rules what a value can prove at synth time: nothing for a whole token, the
 * literal text around the tokens for a mixed string.
 */
import { Token, Tokenization } from 'aws-cdk-lib';

const TOKEN_MARK = '\u0000';
const concat = { join: (left: unknown, right: unknown) => `${left}${right}` };

/** What a string value is made of. */
export type StringKind = 'literal' | 'token' | 'mixed';

/** The literal text of a string and whether tokens are mixed in. */
export interface StringParts {
  readonly kind: StringKind;
  /** The literal text between the tokens (all of it for a literal string). */
  readonly literals: readonly string[];
  /** Characters in the literal parts: a lower bound on the deployed length. */
  readonly literalLength: number;
}

export function stringParts(value: string): StringParts {
  if (!Token.isUnresolved(value)) return { kind: 'literal', literals: [value], literalLength: value.length };
  const marked: string = Tokenization.reverseString(value).mapTokens({ mapToken: () => TOKEN_MARK }).join(concat);
  const literals = marked.split(TOKEN_MARK).filter(part => part !== '');
  return {
    kind: literals.length === 0 ? 'token' : 'mixed',
    literals,
    literalLength: literals.reduce((n, part) => n + part.length, 0),
  };
}

/** True for a value that is not known until deploy time (a token string, number, list or Duration). */
export function isToken(value: unknown): boolean {
  if (value && typeof value === 'object' && 'isUnresolved' in value && typeof (value as any).isUnresolved === 'function') {
    return (value as { isUnresolved(): boolean }).isUnresolved();
  }
  return Token.isUnresolved(value);
}
