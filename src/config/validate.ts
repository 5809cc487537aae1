/**
 * The rules: Cognito's service rules and ours, on the resolved config. Each area's rules are a pure
 * function in its own file; this list is all of them. Problems refuse the config; warnings become
 * synth-time annotations.
 */
import { Finding } from './findings';
import { Rule, ResolvedAuthConfig } from './resolved';
import { validateClient } from './validate-client';
import { validateExternalProviders } from './validate-external-providers';
import { validateGroups } from './validate-groups';
import { validateHostedUi } from './validate-hosted-ui';
import { validateMultifactor } from './validate-mfa';
import { validateOAuthClients } from './validate-oauth-clients';
import { validateOperations } from './validate-operations';
import { validatePasskey } from './validate-passkey';
import { validatePasswordless } from './validate-passwordless';
import { validatePool } from './validate-pool';
import { validateSenders } from './validate-senders';
import { validateSignIn } from './validate-sign-in';
import { validateTriggers } from './validate-triggers';

const RULES: readonly Rule[] = [
  validateSignIn,
  validateMultifactor,
  validateSenders,
  validatePasswordless,
  validatePasskey,
  validatePool,
  validateClient,
  validateOAuthClients,
  validateExternalProviders,
  validateHostedUi,
  validateGroups,
  validateTriggers,
  validateOperations,
];

export function validateAuthConfig(config: ResolvedAuthConfig): Finding[] {
  return RULES.flatMap(rule => rule(config));
}
