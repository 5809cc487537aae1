/**
 * Tokens (CfnParameter, Fn.importValue, Lazy, SSM parameters) are only known at deploy time. A
 * value that is wholly a token is accepted with a warning naming the property; a string mixing
 * literal text and tokens has its literal text checked for what it proves, and a warning for the
 * rest. Valid tokens are never refused.
 */
import { CfnParameter, Duration, Fn, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Auth, AuthProps, MessageSource, MfaMode, Placeholders } from '../../src';
import { expectConfigError, testStack, userPoolProps } from '../support/synth';

type TokenKind = 'CfnParameter' | 'Fn.importValue' | 'Lazy.string' | 'SSM parameter';
const KINDS: TokenKind[] = ['CfnParameter', 'Fn.importValue', 'Lazy.string', 'SSM parameter'];

function token(stack: Stack, kind: TokenKind, value = `Your code is ${Placeholders.CODE}`): string {
  switch (kind) {
    case 'CfnParameter': return new CfnParameter(stack, `P${stack.node.children.length}`, { default: value }).valueAsString;
    case 'Fn.importValue': return Fn.importValue('SharedTemplate');
    case 'Lazy.string': return Lazy.string({ produce: () => value });
    case 'SSM parameter': return ssm.StringParameter.valueForStringParameter(stack, '/auth/template');
  }
}

const ses = { fromEmail: 'noreply@example.com' };
const templates = (message: string, subject?: string) => ({ customMessages: { templates: [{ source: MessageSource.SIGN_UP, message, subject }] } });

/** Every templated or length-limited field, and a config that is valid around it. */
const FIELDS: Array<[string, (t: string) => AuthProps]> = [
  ['loginWith.email.verificationEmailBody', t => ({ loginWith: { email: { verificationEmailBody: t } } })],
  ['loginWith.email.verificationEmailSubject', t => ({ loginWith: { email: { verificationEmailSubject: t } } })],
  ['loginWith.email.userInvitation.emailBody', t => ({ loginWith: { email: { userInvitation: { emailBody: t } } } })],
  ['loginWith.email.userInvitation.emailSubject', t => ({ loginWith: { email: { userInvitation: { emailSubject: t } } } })],
  ['loginWith.email.userInvitation.smsMessage', t => ({ loginWith: { email: { userInvitation: { smsMessage: t } } } })],
  ['loginWith.phone.verificationMessage', t => ({ loginWith: { phone: { verificationMessage: t } } })],
  ['multifactor.sms.message', t => ({ loginWith: { phone: {} }, multifactor: { mode: MfaMode.REQUIRED, sms: { message: t } } })],
  ['multifactor.email.message', t => ({ loginWith: { email: {} }, senders: { email: ses }, multifactor: { mode: MfaMode.REQUIRED, totp: true, email: { message: t } } })],
  ['multifactor.email.subject', t => ({ loginWith: { email: {} }, senders: { email: ses }, multifactor: { mode: MfaMode.REQUIRED, totp: true, email: { subject: t } } })],
  ['triggers.customMessages.templates[0].message', t => ({ loginWith: { email: {} }, triggers: templates(t) })],
  ['triggers.customMessages.templates[0].subject', t => ({ loginWith: { email: {} }, triggers: templates(`Code ${Placeholders.CODE}`, t) })],
  ['senders.email.fromEmail', t => ({ loginWith: { email: {} }, senders: { email: { fromEmail: t } } })],
  ['senders.email.fromName', t => ({ loginWith: { email: {} }, senders: { email: { ...ses, fromName: t } } })],
  ['senders.email.configurationSet', t => ({ loginWith: { email: {} }, senders: { email: { ...ses, configurationSet: t } } })],
  ['groups[0].name', t => ({ loginWith: { email: {} }, groups: [{ name: t }] })],
  ['groups[0].description', t => ({ loginWith: { email: {} }, groups: [{ name: 'admins', description: t }] })],
  ['userPoolName', t => ({ loginWith: { email: {} }, userPoolName: t })],
];

function synth(build: (stack: Stack) => AuthProps) {
  const stack = testStack();
  new Auth(stack, 'Auth', build(stack));
  return { stack, template: Template.fromStack(stack), annotations: Annotations.fromStack(stack) };
}

const deployTimeWarning = (path: string) => Match.stringLikeRegexp(`${path.replace(/[[\].]/g, '\\$&')} is not known until deploy time .*Cognito or CloudFormation checks it when the stack deploys`);

describe.each(KINDS)('a whole %s', kind => {
  test.each(FIELDS)('%s: synthesizes, with a warning naming it', (path, props) => {
    const { annotations } = synth(stack => props(token(stack, kind)));
    annotations.hasWarning('/TestStack/Auth', deployTimeWarning(path));
  });
});

test('the warning carries an id per property, so a team can acknowledge one', () => {
  const { stack } = synth(s => ({ loginWith: { phone: {} }, multifactor: { mode: MfaMode.REQUIRED, sms: { message: token(s, 'SSM parameter') } } }));
  const warnings = Annotations.fromStack(stack).findWarning('/TestStack/Auth', Match.anyValue());
  expect(warnings.map(w => String(w.entry.data))).toEqual([expect.stringContaining('[ack: @cdk-mfa/auth:checked-at-deploy:multifactor.sms.message]')]);
});

test('a token lands where the literal would have', () => {
  const { template } = synth(s => ({
    loginWith: { phone: {} }, multifactor: { mode: MfaMode.REQUIRED, sms: { message: token(s, 'CfnParameter') } }, userPoolName: Fn.importValue('PoolName'),
  }));
  const pool = userPoolProps(template);
  expect(pool.SmsAuthenticationMessage).toEqual({ Ref: expect.stringMatching(/^P/) });
  expect(pool.UserPoolName).toEqual({ 'Fn::ImportValue': 'PoolName' });
});

describe('strings mixing literal text and tokens', () => {
  const sms = (message: (s: Stack) => string) => (s: Stack): AuthProps => ({
    loginWith: { phone: {} },
    multifactor: { mode: MfaMode.REQUIRED, sms: { message: message(s) } },
  });

  test('the literal text holds the placeholder: only the length is left to deploy time', () => {
    const { annotations } = synth(sms(s => `Code ${Placeholders.CODE} from ${token(s, 'CfnParameter', 'Example')}`));
    annotations.hasWarning('/TestStack/Auth', Match.stringLikeRegexp('multifactor.sms.message .* its length \\(6 to 140 characters\\) in the token part'));
    annotations.hasNoWarning('/TestStack/Auth', Match.stringLikeRegexp('the placeholder'));
  });

  test('a placeholder not in the literal text is a warning, not an error', () => {
    const { annotations } = synth(sms(s => `Your ${token(s, 'Lazy.string')} sign-in`));
    annotations.hasWarning('/TestStack/Auth', Match.stringLikeRegexp('multifactor.sms.message .*the placeholder \\{####\\} in the token part'));
  });

  test('literal text alone over the limit is an error', () => {
    const message = `${'x'.repeat(150)} ${Placeholders.CODE} ${Fn.importValue('Suffix')}`;
    expectConfigError({ loginWith: { phone: {} }, multifactor: { mode: MfaMode.REQUIRED, sms: { message } } },
      /multifactor\.sms\.message must be 6 to 140 characters long \(Cognito's limit\), its literal text alone is 158/);
  });

  test('a username placeholder in the literal text of a non-invitation custom message is an error', () => {
    expectConfigError({ loginWith: { email: {} }, triggers: templates(`Hi ${Placeholders.USERNAME} ${Placeholders.CODE} ${Fn.importValue('X')}`) },
      'triggers.customMessages.templates[0].message must not contain {username}');
  });
});

describe('valid tokens are accepted', () => {
  test('Token.asNumber for the minimum password length and history go to the L1 (the L2 would range-check the placeholder number)', () => {
    const { template, annotations } = synth(s => ({
      loginWith: { email: {} },
      passwordPolicy: {
        minLength: Token.asNumber(new CfnParameter(s, 'MinLength', { type: 'Number' }).valueAsString),
        passwordHistorySize: new CfnParameter(s, 'History', { type: 'Number' }).valueAsNumber,
      },
    }));
    const policy = userPoolProps(template).Policies.PasswordPolicy;
    expect(policy.MinimumLength).toEqual({ Ref: 'MinLength' });
    expect(policy.PasswordHistorySize).toEqual({ Ref: 'History' });
    expect(policy.RequireSymbols).toBe(true);
    annotations.hasWarning('/TestStack/Auth', deployTimeWarning('passwordPolicy.minLength'));
  });

  test('Token.asNumber for a group precedence', () => {
    const { template } = synth(s => ({ loginWith: { email: {} }, groups: [{ name: 'admins', precedence: new CfnParameter(s, 'Precedence', { type: 'Number' }).valueAsNumber }] }));
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admins', Precedence: { Ref: 'Precedence' } });
  });

  test('a token in allowedEmailDomains reaches the sign-up guard as JSON', () => {
    const { template, annotations } = synth(s => ({
      loginWith: { email: {} },
      triggers: { signUpGuard: { allowedEmailDomains: ['example.com', new CfnParameter(s, 'Domain').valueAsString] } },
    }));
    const env = Object.values(template.findResources('AWS::Lambda::Function'))[0].Properties.Environment.Variables;
    expect(env.ALLOWED_EMAIL_DOMAINS).toEqual({ 'Fn::Join': ['', ['["example.com","', { Ref: 'Domain' }, '"]']] });
    annotations.hasWarning('/TestStack/Auth', deployTimeWarning('triggers.signUpGuard.allowedEmailDomains[1]'));
  });

  test('an SSM parameter in a custom message template reaches the handler as JSON', () => {
    const { template, annotations } = synth(s => ({ loginWith: { email: {} }, triggers: templates(token(s, 'SSM parameter')) }));
    const env = Object.values(template.findResources('AWS::Lambda::Function'))[0].Properties.Environment.Variables;
    expect(JSON.stringify(env.CUSTOM_MESSAGE_CONFIG)).toMatch(/Fn::Join.*SsmParameterValue/);
    annotations.hasWarning('/TestStack/Auth', deployTimeWarning('triggers.customMessages'));
  });

  test('a group named by a token may be gated by MFA by group (the names are compared at deploy)', () => {
    const { annotations } = synth(s => ({
      loginWith: { email: {} },
      multifactor: { mode: MfaMode.OPTIONAL },
      groups: [{ name: new CfnParameter(s, 'AdminGroup').valueAsString }],
      triggers: { mfaByGroup: { groups: ['admins'] } },
    }));
    annotations.hasWarning('/TestStack/Auth', deployTimeWarning('triggers.mfaByGroup.groups[0]'));
  });

  test('a whole-list token cannot reach a trigger (it would take a custom resource); its elements may be tokens', () => {
    const stack = testStack();
    const domains = new CfnParameter(stack, 'Domains', { type: 'CommaDelimitedList' }).valueAsList;
    expectConfigError({ loginWith: { email: {} }, triggers: { signUpGuard: { allowedEmailDomains: domains } } },
      'triggers.signUpGuard.allowedEmailDomains cannot be a list token', 'give an array; each element may be a token');
  });

  test('token app-client validities go on the L1 in their own unit (the L2 would range-check the placeholder number)', () => {
    const { template, annotations } = synth(s => ({
      loginWith: { email: {} },
      client: {
        accessTokenValidity: Duration.minutes(new CfnParameter(s, 'Minutes', { type: 'Number' }).valueAsNumber),
        refreshTokenValidity: Duration.days(new CfnParameter(s, 'Days', { type: 'Number' }).valueAsNumber),
      },
    }));
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: { Ref: 'Minutes' },
      IdTokenValidity: 60,
      RefreshTokenValidity: { Ref: 'Days' },
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    });
    annotations.hasWarning('/TestStack/Auth', deployTimeWarning('client.refreshTokenValidity'));
  });

  test('a token validity in milliseconds is our error: Cognito has no such unit', () => {
    const stack = testStack();
    const ms = new CfnParameter(stack, 'Ms', { type: 'Number' }).valueAsNumber;
    expectConfigError({ loginWith: { email: {} }, client: { idTokenValidity: Duration.millis(ms) } },
      'client.idTokenValidity is a token in millis; give it in seconds, minutes, hours or days');
  });

  test('token Durations elsewhere are passed on with a warning', () => {
    const { template, annotations } = synth(s => ({
      loginWith: { email: {} },
      passwordPolicy: { tempPasswordValidity: Duration.days(new CfnParameter(s, 'Days', { type: 'Number' }).valueAsNumber) },
    }));
    expect(userPoolProps(template).Policies.PasswordPolicy.TemporaryPasswordValidityDays).toEqual({ Ref: 'Days' });
    annotations.hasWarning('/TestStack/Auth', deployTimeWarning('passwordPolicy.tempPasswordValidity'));
  });

  test.each<[string, (minutes: number) => AuthProps, string]>([
    ['passwordPolicy.tempPasswordValidity', m => ({ loginWith: { email: {} }, passwordPolicy: { tempPasswordValidity: Duration.hours(m) } }), 'Duration.days'],
    ['triggers.mfaByGroup.cacheTtl', m => ({
      loginWith: { email: {} },
      multifactor: { mode: MfaMode.OPTIONAL },
      groups: [{ name: 'admins' }],
      triggers: { mfaByGroup: { groups: ['admins'], cacheTtl: Duration.minutes(m) } },
    }), 'Duration.seconds'],
  ])('a token %s in a unit it cannot be converted from is our error', (path, props, fix) => {
    const stack = testStack();
    expectConfigError(props(new CfnParameter(stack, 'N', { type: 'Number' }).valueAsNumber), `${path} is a token in`, `give it as ${fix}(...)`);
  });

  test('an enum cannot be a token: it decides what is synthesized', () => {
    const stack = testStack();
    const mode = new CfnParameter(stack, 'Mode').valueAsString as MfaMode;
    expectConfigError({ loginWith: { email: {} }, multifactor: { mode } }, 'multifactor.mode cannot be a token');
  });
});

test('a token locale for a custom message is a key of the handler\'s template map in the JSON; duplicates are left to deploy time', () => {
  const { template, annotations } = synth(s => ({
    loginWith: { email: {} },
    triggers: { customMessages: { templates: [{ source: MessageSource.SIGN_UP, locale: new CfnParameter(s, 'Locale').valueAsString, message: `Code ${Placeholders.CODE}` }] } },
  }));
  const env = Object.values(template.findResources('AWS::Lambda::Function'))[0].Properties.Environment.Variables;
  expect(JSON.stringify(env.CUSTOM_MESSAGE_CONFIG)).toContain('{"Ref":"Locale"}');
  annotations.hasWarning('/TestStack/Auth', deployTimeWarning('triggers.customMessages.templates[0].locale'));
});
