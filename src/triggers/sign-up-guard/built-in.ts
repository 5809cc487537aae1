/**
 * The sign-up guard built-in trigger, as the construct sees it: its config, rules and wiring.
 * The handler is `sign-up-guard.lambda.ts`; this file is never bundled into it.
 */
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { ALLOWED_EMAIL_DOMAINS, DENIED_EMAIL_DOMAINS, REQUIRE_PHONE_NUMBER } from './env-names';
import { checkedAtDeploy, Finding, problem } from '../../config/findings';
import { arrayOf, boolean, string, struct } from '../../config/shape/shape';
import { isToken } from '../../config/tokens';
import { SignUpGuardConfig } from '../../config/types';
import { lazy } from '../../lazy';
import { BuiltInTrigger } from '../built-in-trigger';
import { jsonEnv } from '../json-env';

// The function class extends lambda.Function: loading it loads aws-lambda, so only a config with this trigger does.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- on first use (lazy.ts)
const functionClass = lazy(() => (require('./sign-up-guard-function') as typeof import('./sign-up-guard-function')).SignUpGuardFunction);

const PATH = 'triggers.signUpGuard';
const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export interface ResolvedSignUpGuard {
  readonly requirePhoneNumber: boolean;
  readonly allowedEmailDomains: readonly string[];
  readonly deniedEmailDomains: readonly string[];
}

export const SIGN_UP_GUARD: BuiltInTrigger<'signUpGuard', ResolvedSignUpGuard> = {
  key: 'signUpGuard',
  slot: { key: 'preSignUp', operation: cognito.UserPoolOperation.PRE_SIGN_UP },
  functionId: 'SignUpGuardTrigger',
  shape: struct<SignUpGuardConfig>('SignUpGuardConfig', '@cdk-mfa/auth.SignUpGuardConfig', {
    requirePhoneNumber: boolean(),
    allowedEmailDomains: arrayOf(string()),
    deniedEmailDomains: arrayOf(string()),
  }),
  resolve(config, pool) {
    // When SMS is the only second factor, a user without a phone number could never complete MFA.
    const mfa = pool.multifactor;
    return {
      requirePhoneNumber: config.requirePhoneNumber ?? (mfa.sms && !mfa.totp && !mfa.email),
      allowedEmailDomains: config.allowedEmailDomains ?? [],
      deniedEmailDomains: config.deniedEmailDomains ?? [],
    };
  },
  validate(config, auth) {
    const findings: Finding[] = [];
    for (const key of ['allowedEmailDomains', 'deniedEmailDomains'] as const) {
      config[key].forEach((domain, index) => {
        const path = `${PATH}.${key}[${index}]`;
        if (isToken(domain)) findings.push(checkedAtDeploy(path, 'whether it is a lowercase domain (the handler ignores one that is not)'));
        else if (!DOMAIN_PATTERN.test(domain)) findings.push(problem(path, 'must be a lowercase domain such as "example.com"'));
      });
    }
    const wantsEmailRules = config.allowedEmailDomains.length + config.deniedEmailDomains.length > 0;
    if (wantsEmailRules && !auth.collectsEmail) {
      findings.push(problem(PATH, 'email domain rules need an email address', 'enable loginWith.email or userAttributes.email'));
    }
    // Only when asked for: the default (SMS as the only second factor) already fails the MFA rule without a phone number.
    if (auth.raw.triggers?.signUpGuard?.requirePhoneNumber === true && !auth.collectsPhoneNumber) {
      findings.push(problem(`${PATH}.requirePhoneNumber`, 'users cannot give a phone number', 'enable loginWith.phone or userAttributes.phoneNumber so users can give one'));
    }
    return findings;
  },
  wire: (scope, config, base) => new (functionClass())(scope, SIGN_UP_GUARD.functionId, {
    ...base,
    description: 'Checks phone number and email domain rules before sign-up',
    environment: {
      [REQUIRE_PHONE_NUMBER]: String(config.requirePhoneNumber),
      [ALLOWED_EMAIL_DOMAINS]: jsonEnv(scope, config.allowedEmailDomains),
      [DENIED_EMAIL_DOMAINS]: jsonEnv(scope, config.deniedEmailDomains),
    },
  }),
  grants: [],
};
