import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Auth, AuthProps, MessageSource, MfaMode, Placeholders, VerificationEmailStyle } from '../../src';
import { MACHINE_TO_MACHINE, SOCIAL_AND_OIDC } from '../support/front-door';
import { stableTemplate, synthAuth, testStack } from '../support/synth';

// Representative configs. Snapshots change only with `npx projen test:update`; CI fails on a mismatch.
const configs: Record<string, AuthProps> = {
  'default: email sign-in, TOTP required': { loginWith: { email: {} } },
  'phone sign-in, SMS + TOTP optional, custom SMS template': {
    loginWith: { phone: { verificationMessage: `Your verification code: ${Placeholders.CODE}` } },
    multifactor: { mode: MfaMode.OPTIONAL, totp: true, sms: { message: `Your sign-in code: ${Placeholders.CODE}` } },
  },
  'email MFA with SES sender': {
    loginWith: { email: {} },
    senders: { email: { fromEmail: 'noreply@example.com', fromName: 'Example' } },
    multifactor: { mode: MfaMode.REQUIRED, totp: true, email: { subject: 'Your code', message: `Code: ${Placeholders.CODE}` } },
  },
  'device tracking, link verification, invitations, groups': {
    loginWith: {
      email: {
        verificationEmailStyle: VerificationEmailStyle.LINK,
        verificationEmailBody: `Confirm: ${Placeholders.link('Confirm my account')}`,
        userInvitation: { emailSubject: 'Welcome', emailBody: `User ${Placeholders.USERNAME}, password ${Placeholders.CODE}` },
      },
    },
    deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
    groups: [{ name: 'admins', precedence: 0 }, { name: 'users', precedence: 10 }],
    selfSignUp: false,
  },
  'Plus plan with threat protection and identity pool': {
    loginWith: { email: {}, phone: {} },
    featurePlan: cognito.FeaturePlan.PLUS,
    threatProtection: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    multifactor: { mode: MfaMode.REQUIRED, totp: true, sms: {} },
    identityPool: {},
  },
  'built-in triggers: MFA by group, sign-up guard, custom messages': {
    loginWith: { email: {} },
    multifactor: { mode: MfaMode.OPTIONAL, totp: true },
    groups: [{ name: 'admins' }],
    triggers: {
      mfaByGroup: { groups: ['admins'] },
      signUpGuard: { allowedEmailDomains: ['example.com'] },
      customMessages: {
        templates: [
          { source: MessageSource.SIGN_UP, message: `Welcome! Code ${Placeholders.CODE}` },
          { source: MessageSource.SIGN_UP, locale: 'de', message: `Willkommen! Code ${Placeholders.CODE}` },
        ],
      },
    },
  },
  'front door: Google and OIDC through managed login v2 with branding, MFA required': SOCIAL_AND_OIDC,
  'front door: machine-to-machine client with a resource server': MACHINE_TO_MACHINE,
};

test.each(Object.entries(configs))('snapshot: %s', (_name, props) => {
  expect(stableTemplate(synthAuth(props).template)).toMatchSnapshot();
});

// A config with a function of its own: the inbound federation trigger, set on the L1 (LambdaConfig.InboundFederation).
test('snapshot: front door with an inbound federation trigger', () => {
  const stack = testStack();
  const inboundFederation = new lambda.Function(stack, 'InboundFederation', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async e => { e.response.userAttributesToMap = {}; return e; }'),
  });
  new Auth(stack, 'Auth', { ...SOCIAL_AND_OIDC, triggers: { inboundFederation } });
  expect(stableTemplate(Template.fromStack(stack))).toMatchSnapshot();
});
