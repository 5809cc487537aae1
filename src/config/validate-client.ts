import { Duration } from 'aws-cdk-lib';
import { checkedAtDeploy, Finding, problem, warning } from './findings';
import { ResolvedAuthConfig } from './resolved';
import { MfaMode } from './types';

/** The app client: its sign-in flows and token lifetimes. */
export function validateClient(config: ResolvedAuthConfig): Finding[] {
  const findings: Finding[] = [];
  const { authFlows: flows, accessTokenValidity, idTokenValidity, refreshTokenValidity } = config.client;
  if (!flows.userSrp && !flows.userPassword && !flows.adminUserPassword && !flows.custom && !flows.user) {
    findings.push(problem('client.authFlows', 'enable at least one sign-in flow', 'userSrp is recommended'));
  }
  if (config.deviceTracking && !flows.userSrp) {
    findings.push(problem('deviceTracking', 'remembered devices need SRP sign-in', 'set client.authFlows.userSrp: true'));
  }
  findings.push(
    ...checkValidity('client.accessTokenValidity', accessTokenValidity, Duration.minutes(5), Duration.days(1)),
    ...checkValidity('client.idTokenValidity', idTokenValidity, Duration.minutes(5), Duration.days(1)),
    ...checkValidity('client.refreshTokenValidity', refreshTokenValidity, Duration.minutes(60), Duration.days(3650)),
  );
  // The L2 (and Cognito) refuse access/ID tokens that outlive the refresh token.
  for (const [name, value] of [['accessTokenValidity', accessTokenValidity], ['idTokenValidity', idTokenValidity]] as const) {
    if (!value.isUnresolved() && !refreshTokenValidity.isUnresolved() && value.toMilliseconds() > refreshTokenValidity.toMilliseconds()) {
      findings.push(problem(`client.${name}`, `${value.toHumanString()} must not be longer than client.refreshTokenValidity (${refreshTokenValidity.toHumanString()})`));
    }
  }
  return [...findings, ...flowWarnings(config)];
}

/** The units Cognito's TokenValidityUnits takes, as `Duration.unitLabel()` names them. */
export const TOKEN_VALIDITY_UNITS = ['seconds', 'minutes', 'hours', 'days'];

/** Cognito takes token validities in whole minutes (the L2 throws on a fraction). */
export function checkValidity(path: string, value: Duration, min: Duration, max: Duration): Finding[] {
  if (value.isUnresolved()) {
    // Cognito's TokenValidityUnits has no milliseconds; a token amount cannot be converted at synth time.
    return TOKEN_VALIDITY_UNITS.includes(value.unitLabel())
      ? [checkedAtDeploy(path, `its range (${min.toHumanString()} to ${max.toHumanString()})`)]
      : [problem(path, `is a token in ${value.unitLabel()}`, 'give it in seconds, minutes, hours or days (Cognito\'s TokenValidityUnits)')];
  }
  const minutes = value.toMinutes({ integral: false });
  if (minutes < min.toMinutes({ integral: false }) || minutes > max.toMinutes({ integral: false }) || !Number.isInteger(minutes)) {
    return [problem(path, `must be between ${min.toHumanString()} and ${max.toHumanString()} in whole minutes, got ${value.toHumanString()}`)];
  }
  return [];
}

/**
 * App-client flows that quietly defeat what the config asks for. Both are legitimate setups in some
 * apps, so they warn rather than fail.
 */
function flowWarnings(config: ResolvedAuthConfig): Finding[] {
  const flows = config.client.authFlows;
  const mode = config.multifactor.mode;
  const findings: Finding[] = [];
  // Cognito asks for MFA in the custom flow only after a PASSWORD_VERIFIER step.
  if (flows.custom && mode !== MfaMode.OFF) {
    findings.push(warning('custom-auth-skips-mfa', 'client.authFlows.custom',
      `client.authFlows.custom is on while multifactor.mode is ${mode}: Cognito applies MFA in the custom flow only after a PASSWORD_VERIFIER step. `
      + 'Make the define auth challenge trigger start with SRP_A/PASSWORD_VERIFIER, or users who pass your custom challenges alone skip MFA.'));
  }
  // The pool never sees an SRP password, so Cognito can migrate a user at sign-in only through USER_PASSWORD_AUTH.
  if (config.triggers.functions.userMigration && !flows.userPassword && !flows.adminUserPassword) {
    findings.push(warning('user-migration-needs-password-flow', 'triggers.userMigration',
      'triggers.userMigration is set but the app client allows neither userPassword nor adminUserPassword: Cognito runs the migration trigger '
      + 'at sign-in only in those flows (SRP never sends the password), so users not yet migrated cannot sign in, only reset their password. '
      + 'Add client.authFlows.userPassword: true while you migrate.'));
  }
  return findings;
}
