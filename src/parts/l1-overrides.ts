import * as cognito from 'aws-cdk-lib/aws-cognito';
import { ResolvedAuthConfig } from '../config/resolved';
import { isToken } from '../config/tokens';

/**
 * What the L2 `UserPool` has no prop for, or refuses as a token, set on the L1 after it:
 * - the email MFA message and subject (`EmailAuthenticationMessage`/`Subject`);
 * - a token `minLength` or `passwordHistorySize` (the L2 range-checks the token's placeholder number).
 */
export function applyL1Overrides(pool: cognito.CfnUserPool, config: ResolvedAuthConfig): void {
  const mfa = config.multifactor;
  if (mfa.email) {
    pool.emailAuthenticationMessage = mfa.emailMessage;
    pool.emailAuthenticationSubject = mfa.emailSubject;
  }
  const { minLength, passwordHistorySize } = config.passwordPolicy;
  if (isToken(minLength)) pool.addPropertyOverride('Policies.PasswordPolicy.MinimumLength', minLength);
  if (isToken(passwordHistorySize)) pool.addPropertyOverride('Policies.PasswordPolicy.PasswordHistorySize', passwordHistorySize);
}
