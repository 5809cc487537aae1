/** Phone sign-in with SMS and TOTP optional and a custom SMS text: a user with no factor gets tokens. */
import { integCase } from './support/app';
import { expectPool, expectSignIn, TOKENS } from './support/flows';

const { integ, auth } = integCase('smsTotpOptional');

expectPool(integ, auth,
  {
    MfaConfiguration: 'OPTIONAL',
    UsernameAttributes: ['phone_number'],
    SmsAuthenticationMessage: 'Your code: {####}',
    SmsConfiguration: { SnsCallerArn: auth.smsRole!.roleArn },
  },
  {
    MfaConfiguration: 'OPTIONAL',
    SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your code: {####}' },
    SoftwareTokenMfaConfiguration: { Enabled: true },
  });
// A fictional number (555-01xx); its phone_number stays unverified, so no SMS is sent.
expectSignIn(integ, auth, { username: '+15555550100', expected: TOKENS });
