/**
 * The plain-JavaScript door: configs a JSON file, plain JavaScript or a careless cast can send.
 * Each once synthesized a weaker pool without a word or died with a TypeError; each now gets our
 * error naming the property, and nothing is created.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Auth, AuthProps } from '../../src';
import { expectConfigError, testStack } from '../support/synth';

const js = (props: unknown) => props as AuthProps;
const email = { email: {} };

const cases: Array<[string, unknown, ...(string | RegExp)[]]> = [
  ['a lowercase MFA mode', { loginWith: email, multifactor: { mode: 'required', totp: true } },
    'multifactor.mode must be one of MfaMode.OFF ("OFF"), MfaMode.OPTIONAL ("OPTIONAL"), MfaMode.REQUIRED ("REQUIRED"), got the string "required"',
    'did you mean MfaMode.REQUIRED ("REQUIRED")?'],
  ['Cognito\'s word ON', { loginWith: email, multifactor: { mode: 'ON' } }, 'multifactor.mode must be one of', '"ON" means MfaMode.REQUIRED here'],
  ['a number for the mode', { loginWith: email, multifactor: { mode: 1 } }, 'multifactor.mode must be one of', 'got the number 1'],
  ['no mode at all', { loginWith: email, multifactor: { totp: true } }, 'multifactor.mode is required; give one of MfaMode.OFF'],
  ['a misspelt key', { loginWith: email, multifactor: { mode: 'REQUIRED', totpp: true } },
    'multifactor.totpp is not a known option of MultifactorConfig; did you mean `totp`?'],
  ['a key in the wrong case', { loginWith: email, multiFactor: { mode: 'REQUIRED' } }, 'multiFactor is not a known option of AuthProps; did you mean `multifactor`?'],
  ['a misspelt aws-cdk-lib struct key', { loginWith: email, deviceTracking: { challengeRequiredOnNewDevices: true, deviceOnlyRememberedOnUserPrompt: true } },
    'deviceTracking.challengeRequiredOnNewDevice is required', 'deviceTracking.challengeRequiredOnNewDevices is not a known option of cognito.DeviceTracking; did you mean `challengeRequiredOnNewDevice`?'],
  ['a number for a template', { loginWith: { phone: {} }, multifactor: { mode: 'REQUIRED', sms: { message: 123456 } } },
    'multifactor.sms.message must be a string, got the number 123456'],
  ['a string for the groups', { loginWith: email, groups: 'admins' }, 'groups must be an array, got the string "admins"; write ["admins"]'],
  ['null for SMS MFA', { loginWith: { phone: {} }, multifactor: { mode: 'REQUIRED', sms: null } },
    'multifactor.sms is null, which is not a value here; leave it out for the default'],
  ['"false" for totp', { loginWith: email, multifactor: { mode: 'REQUIRED', totp: 'false' } }, 'multifactor.totp must be true or false, got the string "false"; write false without quotes'],
  ['"false" for self sign-up', { loginWith: email, selfSignUp: 'false' }, 'selfSignUp must be true or false'],
  ['"true" for deletion protection', { loginWith: email, deletionProtection: 'true' }, 'deletionProtection must be true or false, got the string "true"'],
  ['a number for a Duration', { loginWith: email, client: { accessTokenValidity: 3600 } }, 'client.accessTokenValidity must be a Duration, got the number 3600',
    'use Duration.seconds(3600)'],
  ['a string for a function', { loginWith: email, triggers: { preSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:f' } },
    'triggers.preSignUp must be a lambda.IFunction, got the string'],
  ['an ARN string for the inbound federation function (a plain-JS slip)', { loginWith: email, triggers: { inboundFederation: 'arn:aws:lambda:us-east-1:123456789012:function:f' } },
    'triggers.inboundFederation must be a lambda.IFunction, got the string'],
  ['an enum member name for an aws-cdk-lib value', { loginWith: email, featurePlan: 'PLUS ' }, 'featurePlan must be one of cognito.FeaturePlan.LITE ("LITE")'],
  ['a numeric enum given by name', { loginWith: email, accountRecovery: 'EMAIL_ONLY' }, 'accountRecovery must be one of', 'did you mean cognito.AccountRecovery.EMAIL_ONLY (2)?'],
  ['a threat protection mode by member name', { loginWith: email, featurePlan: 'PLUS', threatProtection: 'full_function' },
    'did you mean cognito.StandardThreatProtectionMode.FULL_FUNCTION ("ENFORCED")?'],
  ['a Cognito trigger source for a message source', { loginWith: email, triggers: { customMessages: { templates: [{ source: 'CustomMessage_SignUp', message: 'Code {####}' }] } } },
    'triggers.customMessages.templates[0].source must be one of', '"CustomMessage_SignUp" means MessageSource.SIGN_UP here'],
  ['a null element in an array', { loginWith: email, groups: [null] }, 'groups[0] is null'],
  ['loginWith missing', { multifactor: { mode: 'OPTIONAL', sms: {} } }, 'loginWith is required'],
  ['an array for a struct', { loginWith: [] }, 'loginWith must be an object (LoginWith), got an array'],
  ['NaN for a number', { loginWith: email, passwordPolicy: { minLength: Number.NaN } }, 'passwordPolicy.minLength must be a finite number, got NaN'],
];

describe('the shape check refuses what TypeScript would have', () => {
  test.each(cases)('%s', (_name, props, ...fragments) => {
    expectConfigError(js(props), ...fragments);
  });

  test('every problem of the shape is reported at once', () => {
    const error = expectConfigError(js({ loginWith: { emial: {} }, multifactor: { mode: 'on', totp: 'yes' }, selfSignUp: 1 }));
    expect(error.message).toMatch(/\(4 problems\)/);
    for (const path of ['loginWith.emial', 'multifactor.mode', 'multifactor.totp', 'selfSignUp']) expect(error.message).toContain(path);
  });

  test('explicit undefined for an optional prop means "not set"', () => {
    expect(Auth.validateProps(js({ loginWith: { email: {}, phone: undefined }, multifactor: undefined, userPoolName: undefined }))).toEqual([]);
  });

  test('constructs and Durations from the caller pass', () => {
    const stack = testStack();
    const fn = lambda.Function.fromFunctionArn(stack, 'F', 'arn:aws:lambda:us-east-1:123456789012:function:f');
    expect(Auth.validateProps({ loginWith: email, triggers: { preSignUp: fn }, client: { accessTokenValidity: Duration.minutes(30) } })).toEqual([]);
  });
});

describe('no props, or props that are not an object', () => {
  test.each<[string, unknown]>([['undefined', undefined], ['null', null], ['a string', 'loginWith'], ['a function', () => ({})]])('%s', (_name, props) => {
    const stack = new Stack(new App(), 'S');
    let error: Error | undefined;
    try {
      new Auth(stack, 'Auth', props as AuthProps);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.name).toBe('AuthConfigError');
    expect(error?.message).toMatch(/props|loginWith/);
  });

  test('a hostile object (a throwing getter) is our error too', () => {
    const props = { loginWith: email, get multifactor(): never { throw new TypeError('boom'); } };
    expectConfigError(js(props), 'props: could not be read (boom)');
  });
});
