import { Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * A JSON environment value. Literal values are stringified as they always were (same template);
 * values holding tokens (an SSM parameter in a template, an imported domain) go through
 * `Stack.toJsonString`, which quotes what the tokens resolve to.
 */
export function jsonEnv(scope: Construct, value: unknown): string {
  const plain = JSON.stringify(value);
  return Token.isUnresolved(plain) ? Stack.of(scope).toJsonString(value) : plain;
}
