import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Auth, AuthProps, MessageSource, MfaMode, Placeholders, VerificationEmailStyle } from '../../src';
import { expectConfigError, testStack } from '../support/synth';

const email = { email: {} };
const ses = { email: { fromEmail: 'noreply@example.com' } };
const longSms = `${Placeholders.CODE} ${'x'.repeat(140)}`;

// Each row: a bad config, and fragments the error must contain (the property, and the fix).
const cases: Array<[string, AuthProps, ...(string | RegExp)[]]> = [
  ['neither email nor phone sign-in', { loginWith: {} }, 'loginWith', 'loginWith.email or loginWith.phone'],
  ['REQUIRED MFA with no method (Amplify synthesizes ON with no methods)', { loginWith: email, multifactor: { mode: MfaMode.REQUIRED, totp: false } }, 'multifactor: mode REQUIRED needs at least one method'],
  ['OPTIONAL MFA with no method', { loginWith: email, multifactor: { mode: MfaMode.OPTIONAL, totp: false } }, 'mode OPTIONAL needs at least one method'],
  ['OFF with methods set', { loginWith: email, multifactor: { mode: MfaMode.OFF, totp: true } }, 'mode is OFF but methods are set'],
  ['SMS MFA template without code', { loginWith: { phone: {} }, multifactor: { mode: MfaMode.REQUIRED, sms: { message: 'Hello there' } } }, 'multifactor.sms.message must contain the placeholder {####}'],
  ['SMS MFA template too long', { loginWith: { phone: {} }, multifactor: { mode: MfaMode.REQUIRED, sms: { message: longSms } } }, /multifactor.sms.message must be 6 to 140 characters.*got 147/],
  ['SMS MFA template too short', { loginWith: { phone: {} }, multifactor: { mode: MfaMode.REQUIRED, sms: { message: 'abc' } } }, /multifactor.sms.message must be 6 to 140.*got 3/],
  ['SMS MFA without a phone number', { loginWith: email, multifactor: { mode: MfaMode.REQUIRED, sms: {} } }, 'multifactor.sms: users have no phone number', 'loginWith.phone'],
  ['email MFA without SES', { loginWith: email, multifactor: { mode: MfaMode.REQUIRED, totp: true, email: {} } }, 'multifactor.email: email MFA needs an Amazon SES sender', 'senders.email'],
  ['email MFA on Lite', { loginWith: email, senders: ses, featurePlan: cognito.FeaturePlan.LITE, multifactor: { mode: MfaMode.REQUIRED, totp: true, email: {} } }, 'not available on the Lite feature plan'],
  ['email-only MFA', { loginWith: email, senders: ses, multifactor: { mode: MfaMode.REQUIRED, totp: false, email: {} } }, 'email as the only MFA method fails when CloudFormation creates the pool', 'also enable multifactor.totp or multifactor.sms'],
  ['email MFA message without code', { loginWith: email, senders: ses, multifactor: { mode: MfaMode.REQUIRED, email: { message: 'no code here' } } }, 'multifactor.email.message must contain the placeholder {####}'],
  ['email MFA subject too long', { loginWith: email, senders: ses, multifactor: { mode: MfaMode.REQUIRED, email: { subject: 's'.repeat(141) } } }, 'multifactor.email.subject must be 1 to 140'],
  ['email MFA with no email address', { loginWith: { phone: {} }, senders: ses, multifactor: { mode: MfaMode.REQUIRED, email: {} } }, 'multifactor.email: users have no email address'],
  ['verification email without code', { loginWith: { email: { verificationEmailBody: 'Welcome!' } } }, 'loginWith.email.verificationEmailBody must contain the placeholder {####}'],
  ['link verification without link', { loginWith: { email: { verificationEmailStyle: VerificationEmailStyle.LINK, verificationEmailBody: 'Please confirm your address' } } }, 'loginWith.email.verificationEmailBody must contain a verification link'],
  ['verification SMS without code', { loginWith: { phone: { verificationMessage: 'Welcome aboard' } } }, 'loginWith.phone.verificationMessage must contain the placeholder {####}'],
  ['invitation email without username', { loginWith: { email: { userInvitation: { emailBody: `Password ${Placeholders.CODE}` } } } }, 'loginWith.email.userInvitation.emailBody must contain the placeholder {username}'],
  ['invitation SMS without code', { loginWith: { email: { userInvitation: { smsMessage: `Hi ${Placeholders.USERNAME}` } } } }, 'loginWith.email.userInvitation.smsMessage must contain the placeholder {####}'],
  ['passwordless with REQUIRED MFA', { loginWith: email, passwordless: { emailOtp: true } }, 'passwordless: Cognito does not allow passwordless first factors', 'OPTIONAL'],
  ['passwordless on Lite', { loginWith: email, featurePlan: cognito.FeaturePlan.LITE, multifactor: { mode: MfaMode.OPTIONAL }, passwordless: { passkey: true } }, 'passwordless: choice-based sign-in needs the Essentials or Plus'],
  ['passwordless SMS without phone sign-in', { loginWith: email, multifactor: { mode: MfaMode.OPTIONAL }, passwordless: { smsOtp: true } }, 'passwordless.smsOtp: needs loginWith.phone'],
  ['passwordless with a client that cannot use it', { loginWith: email, multifactor: { mode: MfaMode.OPTIONAL }, passwordless: { emailOtp: true }, client: { authFlows: { userSrp: true } } }, 'client.authFlows: passwordless sign-in runs as choice-based sign-in (USER_AUTH)', 'client.authFlows.user: true'],
  ['threat protection below Plus', { loginWith: email, threatProtection: cognito.StandardThreatProtectionMode.AUDIT_ONLY }, 'threatProtection: threat protection needs the Plus feature plan'],
  ['device tracking without SRP', { loginWith: email, client: { authFlows: { userPassword: true } }, deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true } }, 'deviceTracking: remembered devices need SRP sign-in'],
  ['no auth flow', { loginWith: email, client: { authFlows: {} } }, 'client.authFlows: enable at least one sign-in flow'],
  ['access token too long', { loginWith: email, client: { accessTokenValidity: Duration.days(2) } }, 'client.accessTokenValidity must be between 5 minutes and 1 day'],
  ['password too short', { loginWith: email, passwordPolicy: { minLength: 4 } }, 'passwordPolicy.minLength must be a whole number from 6 to 99'],
  ['password history on Lite', { loginWith: email, featurePlan: cognito.FeaturePlan.LITE, passwordPolicy: { passwordHistorySize: 3 } }, 'passwordPolicy.passwordHistorySize is not available on the Lite'],
  ['temporary password validity over a year', { loginWith: email, passwordPolicy: { tempPasswordValidity: Duration.days(400) } }, 'passwordPolicy.tempPasswordValidity must be from 1 to 365 days'],
  ['duplicate group', { loginWith: email, groups: [{ name: 'admins' }, { name: 'admins' }] }, 'groups[1].name: group "admins" is defined twice'],
  ['group name with whitespace', { loginWith: email, groups: [{ name: 'my admins' }] }, 'groups[0].name must be 1 to 128 characters without whitespace'],
  ['negative precedence', { loginWith: email, groups: [{ name: 'a', precedence: -1 }] }, 'groups[0].precedence must be a whole number from 0 to 2^31-1'],
  ['custom sender without KMS key', { loginWith: email, senders: { customSmsSender: lambda.Function.fromFunctionArn(testStack(), 'F', 'arn:aws:lambda:us-east-1:123456789012:function:f') } }, 'senders.kmsKey: custom email/SMS senders need a KMS key'],
  ['SES from address that is not an address', { loginWith: email, senders: { email: { fromEmail: 'noreply' } } }, 'senders.email.fromEmail must be an email address'],
  ['V2 pre token generation on Lite', { loginWith: email, featurePlan: cognito.FeaturePlan.LITE, triggers: { preTokenGenerationVersion: 'V2_0' as any } }, 'triggers.preTokenGenerationVersion: V2 and V3 events need the Essentials'],
  ['MFA by group with REQUIRED MFA', { loginWith: email, groups: [{ name: 'admins' }], triggers: { mfaByGroup: { groups: ['admins'] } } }, 'triggers.mfaByGroup: needs multifactor.mode OPTIONAL'],
  ['MFA by group naming an unknown group', { loginWith: email, multifactor: { mode: MfaMode.OPTIONAL }, triggers: { mfaByGroup: { groups: ['admns'] } } }, 'triggers.mfaByGroup.groups: "admns" is not in groups'],
  ['MFA by group with no groups', { loginWith: email, multifactor: { mode: MfaMode.OPTIONAL }, triggers: { mfaByGroup: { groups: [] } } }, 'triggers.mfaByGroup.groups: name at least one group'],
  ['MFA by group on Lite', { loginWith: email, featurePlan: cognito.FeaturePlan.LITE, multifactor: { mode: MfaMode.OPTIONAL }, groups: [{ name: 'admins' }], triggers: { mfaByGroup: { groups: ['admins'] } } }, 'triggers.mfaByGroup: needs the Essentials or Plus feature plan', 'access tokens'],
  ['built-in log retention with no built-in trigger', { loginWith: email, triggers: { builtInLogRetention: logs.RetentionDays.ONE_WEEK } }, 'triggers.builtInLogRetention: no built-in trigger', 'remove it'],
  ['sign-up guard with a bad domain', { loginWith: email, triggers: { signUpGuard: { allowedEmailDomains: ['Example.COM'] } } }, 'triggers.signUpGuard.allowedEmailDomains[0] must be a lowercase domain'],
  ['a 10,000-character pool name', { loginWith: email, userPoolName: 'p'.repeat(10_000) }, "userPoolName must be 1 to 128 characters long (Cognito's limit), got 10000"],
  ['a pool name with characters Cognito refuses', { loginWith: email, userPoolName: 'my/pool' }, 'userPoolName may hold only letters, digits, spaces and + = , . @ - _'],
  ['a 5,000-character SES sender name', { loginWith: email, senders: { email: { fromEmail: 'noreply@example.com', fromName: 'n'.repeat(5_000) } } },
    /senders\.email\.fromName must be 1 to 974 characters long \(the 998-character From header line of RFC 5322, with the address\), got 5000/],
  ['an SES configuration set name over 64 characters', { loginWith: email, senders: { email: { fromEmail: 'noreply@example.com', configurationSet: 'c'.repeat(65) } } },
    'senders.email.configurationSet must be 1 to 64 characters long'],
  ['a reply-to address with spaces', { loginWith: email, senders: { email: { fromEmail: 'noreply@example.com', replyTo: 'help desk@example.com' } } },
    'senders.email.replyTo must be an email address without spaces'],
  ['a non-ASCII local part', { loginWith: email, senders: { email: { fromEmail: 'müller@example.com' } } }, 'senders.email.fromEmail may use only ASCII characters before the @'],
  ['a verified domain that is not the address\'s', { loginWith: email, senders: { email: { fromEmail: 'noreply@example.com', sesVerifiedDomain: 'example.org' } } },
    'senders.email.sesVerifiedDomain is "example.org" but fromEmail is on "example.com"'],
  ['a group name over 128 characters', { loginWith: email, groups: [{ name: 'g'.repeat(129) }] }, 'groups[0].name must be 1 to 128 characters without whitespace'],
  ['a group description over 2048 characters', { loginWith: email, groups: [{ name: 'admins', description: 'd'.repeat(2049) }] },
    "groups[0].description must be 0 to 2048 characters long (Cognito's limit), got 2049"],
  ['a group precedence over 2^31-1', { loginWith: email, groups: [{ name: 'a', precedence: 2 ** 31 }] }, 'groups[0].precedence must be a whole number from 0 to 2^31-1, got 2147483648'],
  ['group names the construct ids cannot tell apart', { loginWith: email, groups: [{ name: 'ops-team' }, { name: 'ops.team' }] },
    'groups[1].name: "ops.team" and groups[0].name differ only in characters other than letters and digits', 'rename one of them'],
  ['an MFA-by-group cache TTL in fractions of a second', {
    loginWith: email,
    multifactor: { mode: MfaMode.OPTIONAL },
    groups: [{ name: 'admins' }],
    triggers: { mfaByGroup: { groups: ['admins'], cacheTtl: Duration.millis(1500) } },
  }, 'triggers.mfaByGroup.cacheTtl must be from 0 to 3600 seconds, in whole seconds'],
  ['a custom attribute name over 20 characters', { loginWith: email, customAttributes: { ['a'.repeat(21)]: new cognito.StringAttribute() } },
    `customAttributes.${'a'.repeat(21)} must be named with 1 to 20 characters without whitespace`],
  ['a custom attribute name with whitespace', { loginWith: email, customAttributes: { 'employee id': new cognito.StringAttribute() } },
    'customAttributes.employee id must be named with 1 to 20 characters'],
  ['sign-up guard requiring a phone nobody can give', { loginWith: email, triggers: { signUpGuard: { requirePhoneNumber: true } } }, 'triggers.signUpGuard.requirePhoneNumber: users cannot give a phone number; enable loginWith.phone'],
];

describe('validation: a clear error naming the property, and nothing created', () => {
  test.each(cases)('%s', (_name, props, ...fragments) => {
    expectConfigError(props, ...fragments);
  });

  test('a bring-your-own SMS role without an external ID', () => {
    const role = iam.Role.fromRoleArn(testStack(), 'R', 'arn:aws:iam::123456789012:role/sms');
    expectConfigError({ loginWith: { phone: {} }, senders: { smsRole: { role, externalId: '' } } }, 'senders.smsRole.externalId');
  });

  test('MFA by group on a group whose IAM role an identity pool could hand out', () => {
    const role = iam.Role.fromRoleArn(testStack(), 'R', 'arn:aws:iam::123456789012:role/admin');
    expectConfigError({
      loginWith: email,
      multifactor: { mode: MfaMode.OPTIONAL },
      identityPool: {},
      groups: [{ name: 'admins', role }],
      triggers: { mfaByGroup: { groups: ['admins'] } },
    }, 'group "admins" has an IAM role and an identity pool is configured');
  });

  test('a built-in trigger and a function in the same slot', () => {
    const stack = testStack();
    const fn = lambda.Function.fromFunctionArn(stack, 'F', 'arn:aws:lambda:us-east-1:123456789012:function:f');
    expectConfigError({ loginWith: email, triggers: { signUpGuard: {}, preSignUp: fn } }, 'triggers.signUpGuard: uses the preSignUp trigger, which triggers.preSignUp also sets');
  });

  test('all problems are reported together', () => {
    const error = expectConfigError({
      loginWith: { phone: { verificationMessage: 'no code' } },
      multifactor: { mode: MfaMode.REQUIRED, totp: false, email: {} },
      passwordPolicy: { minLength: 3 },
    });
    expect(error.message).toMatch(/Invalid Auth configuration at TestStack\/Auth \(\d+ problems\)/);
    for (const path of ['loginWith.phone.verificationMessage', 'multifactor.email: email MFA needs', 'email as the only MFA method', 'passwordPolicy.minLength']) {
      expect(error.message).toContain(path);
    }
  });

  test('Auth.validateProps checks without a scope', () => {
    expect(Auth.validateProps({ loginWith: email })).toEqual([]);
    expect(Auth.validateProps({ loginWith: {} })).toHaveLength(1);
  });
});

describe('custom message templates are validated at synth time', () => {
  const base = { loginWith: { phone: {} } };
  test.each([
    ['no templates', { templates: [] }, 'triggers.customMessages.templates: give at least one template'],
    ['missing code', { templates: [{ source: MessageSource.SIGN_UP, message: 'Welcome aboard' }] }, 'triggers.customMessages.templates[0].message must contain the placeholder {####}'],
    ['invitation without username', { templates: [{ source: MessageSource.ADMIN_CREATE_USER, locale: 'de', message: `Passwort ${Placeholders.CODE}` }] },
      'triggers.customMessages.templates[0].message must contain the placeholder {username}'],
    ['too long for SMS', { templates: [{ source: MessageSource.AUTHENTICATION, message: `${Placeholders.CODE}${'x'.repeat(200)}` }] }, /templates\[0\]\.message must be 6 to 140 characters long \(Cognito's limit\), got 206/],
    ['twice for one locale', { templates: [{ source: MessageSource.SIGN_UP, message: `A ${Placeholders.CODE}` }, { source: MessageSource.SIGN_UP, locale: 'en', message: `B ${Placeholders.CODE}` }] },
      'triggers.customMessages.templates[1]: a second template for SignUp in locale en'],
    ['over the 4 KB Lambda environment', {
      templates: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].flatMap(l => [MessageSource.SIGN_UP, MessageSource.FORGOT_PASSWORD, MessageSource.RESEND_CODE]
        .map(source => ({ source, locale: l, message: `${Placeholders.CODE}${'y'.repeat(130)}` }))),
    }, /over the 4096-byte \(4 KB\) limit/],
  ] as Array<[string, any, string | RegExp]>)('%s', (_name, customMessages, fragment) => {
    expectConfigError({ ...base, triggers: { customMessages } }, fragment);
  });
});
