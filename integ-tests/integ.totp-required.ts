/** Default config: TOTP is required, so a new user's first sign-in must set up an authenticator. */
import { integCase } from './support/app';
import { expectPool, expectSignIn, MFA_SETUP } from './support/flows';

const { integ, auth } = integCase('totpRequired');

expectPool(integ, auth,
  { MfaConfiguration: 'ON', UsernameAttributes: ['email'], UserPoolTier: 'ESSENTIALS' },
  { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
expectSignIn(integ, auth, { username: 'totp-user@example.com', expected: MFA_SETUP });
