import { Annotations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { resolveAuthFlows, resolveMultifactor } from '../config/defaults';
import { AuthProps, MfaMode } from '../config/types';

/**
 * Synth-time warnings for app-client flows that quietly defeat what the config asks for. Both are
 * legitimate setups in some apps, so they warn rather than fail.
 */
export function warnOnAuthFlows(scope: Construct, props: AuthProps): void {
  const flows = resolveAuthFlows(props);
  const mode = resolveMultifactor(props).mode;
  // Cognito asks for MFA in the custom flow only after a PASSWORD_VERIFIER step.
  if (flows.custom && mode !== MfaMode.OFF) {
    Annotations.of(scope).addWarningV2('@cdk-mfa/auth:custom-auth-skips-mfa',
      `client.authFlows.custom is on while multifactor.mode is ${mode}: Cognito applies MFA in the custom flow only after a PASSWORD_VERIFIER step. `
      + 'Make the define auth challenge trigger start with SRP_A/PASSWORD_VERIFIER, or users who pass your custom challenges alone skip MFA.');
  }
  // The pool never sees an SRP password, so Cognito can migrate a user at sign-in only through USER_PASSWORD_AUTH.
  if (props.triggers?.userMigration && !flows.userPassword && !flows.adminUserPassword) {
    Annotations.of(scope).addWarningV2('@cdk-mfa/auth:user-migration-needs-password-flow',
      'triggers.userMigration is set but the app client allows neither userPassword nor adminUserPassword: Cognito runs the migration trigger '
      + 'at sign-in only in those flows (SRP never sends the password), so users not yet migrated cannot sign in, only reset their password. '
      + 'Add client.authFlows.userPassword: true while you migrate.');
  }
}
