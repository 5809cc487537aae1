import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Finding, problem } from './findings';
import { ResolvedAuthConfig } from './resolved';
import { MfaMode } from './types';

/** Passwordless first factors (choice-based sign-in). */
export function validatePasswordless(config: ResolvedAuthConfig): Finding[] {
  const pwl = config.passwordless;
  if (!pwl.enabled) return [];
  const findings: Finding[] = [];
  if (config.multifactor.mode === MfaMode.REQUIRED) {
    findings.push(problem('passwordless', 'Cognito does not allow passwordless first factors (email/SMS codes, passkeys) in a pool where MFA is REQUIRED',
      'set multifactor.mode to OPTIONAL, or remove passwordless'));
  }
  if (config.featurePlan === cognito.FeaturePlan.LITE) {
    findings.push(problem('passwordless', 'choice-based sign-in needs the Essentials or Plus feature plan', 'set featurePlan to ESSENTIALS or PLUS'));
  }
  if (pwl.emailOtp && !config.loginWith.email) {
    findings.push(problem('passwordless.emailOtp', 'needs loginWith.email so users have an address to receive codes'));
  }
  if (pwl.smsOtp && !config.loginWith.phone) {
    findings.push(problem('passwordless.smsOtp', 'needs loginWith.phone so users have a number to receive codes'));
  }
  if (!config.client.authFlows.user) {
    findings.push(problem('client.authFlows', 'passwordless sign-in runs as choice-based sign-in (USER_AUTH)', 'set client.authFlows.user: true, or leave client.authFlows unset'));
  }
  return findings;
}
