/**
 * Email MFA through SES (with TOTP): the pool sends from the SES identity and carries the email MFA
 * texts. A real deploy needs a verified SES identity: set INTEG_SES_FROM_EMAIL.
 */
import { integCase } from './support/app';
import { SES_FROM_EMAIL } from './support/cases';
import { expectPool, expectSignIn, MFA_SETUP } from './support/flows';

const { integ, auth } = integCase('emailMfa');

expectPool(integ, auth,
  { MfaConfiguration: 'ON', EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', From: SES_FROM_EMAIL } },
  {
    MfaConfiguration: 'ON',
    SoftwareTokenMfaConfiguration: { Enabled: true },
    EmailMfaConfiguration: { Subject: 'Your sign-in code', Message: 'Your sign-in code is {####}' },
  });
// The email stays unverified, so no code can be mailed: the user must set up a factor first.
expectSignIn(integ, auth, { username: 'email-mfa-user@example.com', expected: MFA_SETUP });
