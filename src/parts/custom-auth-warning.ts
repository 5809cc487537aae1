import { Annotations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { resolveAuthFlows, resolveMultifactor } from '../config/defaults';
import { AuthProps, MfaMode } from '../config/types';

/**
 * Warns when the app client allows the custom authentication flow in a pool with MFA. Cognito asks
 * for MFA in that flow only after a PASSWORD_VERIFIER step; a define auth challenge trigger that
 * issues tokens after custom challenges alone signs users in without their second factor.
 */
export function warnOnCustomAuthWithMfa(scope: Construct, props: AuthProps): void {
  const mode = resolveMultifactor(props).mode;
  if (!resolveAuthFlows(props).custom || mode === MfaMode.OFF) return;
  Annotations.of(scope).addWarningV2('@cdk-mfa/auth:custom-auth-skips-mfa',
    `client.authFlows.custom is on while multifactor.mode is ${mode}: Cognito applies MFA in the custom flow only after a PASSWORD_VERIFIER step. `
    + 'Make the define auth challenge trigger start with SRP_A/PASSWORD_VERIFIER, or users who pass your custom challenges alone skip MFA.');
}
