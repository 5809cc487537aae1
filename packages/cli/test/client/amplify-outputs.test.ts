import { versionedAuthOutputSchema } from '@aws-amplify/backend-output-schemas';
import { Auth, AuthProps, MfaMode } from '@cdk-mfa/auth';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { MACHINE_TO_MACHINE, SOCIAL_AND_OIDC } from '../../../../test/support/front-door';
import { synthAuth } from '../../../../test/support/synth';
import {
  authClientDescriptionFromTemplate, buildAmplifyAuthStackOutputs, buildAmplifyOutputs, ResolvedAuthIds,
} from '../../src/client';

const IDS: ResolvedAuthIds = { region: 'eu-west-1', userPoolId: 'eu-west-1_AbCdEf123', userPoolClientId: '1example23456789' };

/** Real synthesis of the Auth construct, then the client description from its template. */
function describe_(props: AuthProps, ids: ResolvedAuthIds = IDS) {
  const template = synthAuth(props).template.toJSON();
  const description = authClientDescriptionFromTemplate(template, ids);
  return { template, description, outputs: buildAmplifyOutputs(description), stack: buildAmplifyAuthStackOutputs(description) };
}

/** The published Amplify schema (the installed package's zod schema), not a hand copy. */
function expectValidStackOutputs(stack: unknown) {
  expect(() => versionedAuthOutputSchema.parse(stack)).not.toThrow();
  expect(versionedAuthOutputSchema.parse(stack)).toEqual(stack);
}

/** Each stack output carries the same facts as amplify_outputs.json (the mapping Amplify's generator applies). */
function expectStackOutputsMatch(stack: ReturnType<typeof buildAmplifyAuthStackOutputs>, outputs: ReturnType<typeof buildAmplifyOutputs>) {
  const p = stack.payload;
  const a = outputs.auth;
  expect(p.authRegion).toBe(a.aws_region);
  expect(p.userPoolId).toBe(a.user_pool_id);
  expect(p.webClientId).toBe(a.user_pool_client_id);
  expect(p.identityPoolId || undefined).toBe(a.identity_pool_id);
  expect(JSON.parse(p.mfaTypes)).toEqual(a.mfa_methods);
  expect({ OFF: 'NONE', OPTIONAL: 'OPTIONAL', ON: 'REQUIRED' }[p.mfaConfiguration]).toBe(a.mfa_configuration);
  expect(JSON.parse(p.verificationMechanisms)).toEqual(a.user_verification_types);
  expect(JSON.parse(p.signupAttributes)).toEqual(a.standard_required_attributes);
  expect(JSON.parse(p.groups)).toEqual(a.groups);
  expect(Number(p.passwordPolicyMinLength)).toBe(a.password_policy.min_length);
  const requirements: string[] = JSON.parse(p.passwordPolicyRequirements);
  expect(requirements.includes('REQUIRES_NUMBERS')).toBe(a.password_policy.require_numbers);
  expect(requirements.includes('REQUIRES_SYMBOLS')).toBe(a.password_policy.require_symbols);
  expect(requirements.includes('REQUIRES_LOWERCASE')).toBe(a.password_policy.require_lowercase);
  expect(requirements.includes('REQUIRES_UPPERCASE')).toBe(a.password_policy.require_uppercase);
  const passwordless = p.passwordlessOptions === undefined ? undefined : JSON.parse(p.passwordlessOptions);
  expect(passwordless && { email_otp_enabled: passwordless.emailOtpEnabled, sms_otp_enabled: passwordless.smsOtpEnabled }).toEqual(a.passwordless);
}

describe('amplify_outputs.json from real Auth synthesis', () => {
  test('default config: email sign-in, TOTP required, hardened password policy', () => {
    const { outputs, stack } = describe_({ loginWith: { email: {} } });
    expect(outputs).toEqual({
      version: '1.4',
      auth: {
        aws_region: 'eu-west-1',
        user_pool_id: 'eu-west-1_AbCdEf123',
        user_pool_client_id: '1example23456789',
        mfa_configuration: 'REQUIRED',
        mfa_methods: ['TOTP'],
        username_attributes: ['email'],
        standard_required_attributes: [],
        user_verification_types: ['email'],
        password_policy: { min_length: 12, require_lowercase: true, require_numbers: true, require_symbols: true, require_uppercase: true },
        groups: [],
      },
    });
    expectValidStackOutputs(stack);
    expectStackOutputsMatch(stack, outputs);
    expect(stack.payload.mfaConfiguration).toBe('ON');
    expect(stack.payload.identityPoolId).toBe('');
  });

  test('phone sign-in with optional SMS and TOTP', () => {
    const { outputs, stack } = describe_({
      loginWith: { phone: {} },
      multifactor: { mode: MfaMode.OPTIONAL, totp: true, sms: {} },
      passwordPolicy: { minLength: 10, requireSymbols: false, requireDigits: true, requireLowercase: true, requireUppercase: false },
    });
    expect(outputs.auth).toMatchObject({
      mfa_configuration: 'OPTIONAL',
      mfa_methods: ['SMS', 'TOTP'],
      username_attributes: ['phone_number'],
      user_verification_types: ['phone_number'],
      password_policy: { min_length: 10, require_lowercase: true, require_numbers: true, require_symbols: false, require_uppercase: false },
    });
    expectValidStackOutputs(stack);
    expectStackOutputsMatch(stack, outputs);
    expect(JSON.parse(stack.payload.passwordPolicyRequirements)).toEqual(['REQUIRES_NUMBERS', 'REQUIRES_LOWERCASE']);
  });

  test('email sign-in with groups, a required attribute and an identity pool', () => {
    const { outputs, stack } = describe_({
      loginWith: { email: {} },
      groups: [{ name: 'admins', precedence: 1 }, { name: 'editors', precedence: 5 }, { name: 'readers' }],
      userAttributes: { fullname: { required: true, mutable: true } },
      identityPool: { allowUnauthenticated: true },
    }, { ...IDS, identityPoolId: 'eu-west-1:11111111-2222-3333-4444-555555555555' });
    expect(outputs.auth.groups).toEqual([{ admins: { precedence: 1 } }, { editors: { precedence: 5 } }, { readers: {} }]);
    expect(outputs.auth.standard_required_attributes).toEqual(['name']);
    expect(outputs.auth.identity_pool_id).toBe('eu-west-1:11111111-2222-3333-4444-555555555555');
    expect(outputs.auth.unauthenticated_identities_enabled).toBe(true);
    expectValidStackOutputs(stack);
    expectStackOutputsMatch(stack, outputs);
    expect(stack.payload.allowUnauthenticatedIdentities).toBe('true');
  });

  test('passwordless email and SMS codes', () => {
    const { outputs, stack } = describe_({
      loginWith: { email: {}, phone: {} }, multifactor: { mode: MfaMode.OPTIONAL, totp: true }, passwordless: { emailOtp: true, smsOtp: true },
    });
    expect(outputs.auth.passwordless).toEqual({ email_otp_enabled: true, sms_otp_enabled: true });
    expectValidStackOutputs(stack);
    expectStackOutputsMatch(stack, outputs);
  });

  test('MFA off: NONE and no methods', () => {
    const { outputs, stack } = describe_({ loginWith: { email: {}, phone: {} }, multifactor: { mode: MfaMode.OFF } });
    expect(outputs.auth.mfa_configuration).toBe('NONE');
    expect(outputs.auth.mfa_methods).toEqual([]);
    expect(outputs.auth.username_attributes).toEqual(['email', 'phone_number']);
    expectValidStackOutputs(stack);
    expectStackOutputsMatch(stack, outputs);
  });

  test('the output is plain JSON (what gets written to amplify_outputs.json)', () => {
    const { outputs } = describe_({ loginWith: { email: {} }, groups: [{ name: 'admins', precedence: 0 }] });
    expect(JSON.parse(JSON.stringify(outputs))).toEqual(outputs);
  });
});

describe('authClientDescriptionFromTemplate errors name the argument', () => {
  const template = synthAuth({ loginWith: { email: {} } }).template.toJSON();

  test('missing ids', () => {
    expect(() => authClientDescriptionFromTemplate(template, { ...IDS, userPoolId: '' })).toThrow(/resolved\.userPoolId/);
    expect(() => authClientDescriptionFromTemplate(template, { ...IDS, region: undefined as any })).toThrow(/resolved\.region/);
  });

  test('no user pool, or an unknown logical id', () => {
    expect(() => authClientDescriptionFromTemplate({ Resources: {} }, IDS)).toThrow(/expected one AWS::Cognito::UserPool, found 0/);
    expect(() => authClientDescriptionFromTemplate(template, { ...IDS, userPoolLogicalId: 'Nope' })).toThrow(/resolved\.userPoolLogicalId.*AuthUserPool/);
  });

  test('two user pools need a logical id', () => {
    const pool = Object.entries(template.Resources).find(([, r]: [string, any]) => r.Type === 'AWS::Cognito::UserPool')!;
    const two = { Resources: { A: pool[1] as any, B: pool[1] as any } };
    expect(() => authClientDescriptionFromTemplate(two, IDS)).toThrow(/found 2 \(A, B\); set resolved\.userPoolLogicalId/);
    expect(authClientDescriptionFromTemplate(two, { ...IDS, userPoolLogicalId: 'B' }).mfaMode).toBe('REQUIRED');
  });

  test('tokens where a literal is needed', () => {
    const tokenized = { Resources: { P: { Type: 'AWS::Cognito::UserPool', Properties: { MfaConfiguration: { Ref: 'Mode' } } } } };
    expect(() => authClientDescriptionFromTemplate(tokenized, IDS)).toThrow(/MfaConfiguration must be a literal string/);
  });

  test('a pool without a password policy gets Cognito defaults', () => {
    const bare = { Resources: { P: { Type: 'AWS::Cognito::UserPool', Properties: {} } } };
    const description = authClientDescriptionFromTemplate(bare, IDS);
    expect(description.passwordPolicy).toEqual({
      minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true,
    });
    expect(buildAmplifyOutputs(description).auth.username_attributes).toEqual(['username']);
  });
});

describe('hosted sign-in (oauth section)', () => {
  test('Google and OIDC through managed login: the oauth section and Amplify\'s stack outputs', () => {
    const { outputs, stack } = describe_(SOCIAL_AND_OIDC);
    expect(outputs.auth.oauth).toEqual({
      // OIDC providers are signed in with { provider: { custom: 'Corporate' } }: amplify_outputs.json lists the social ones.
      identity_providers: ['GOOGLE'],
      domain: 'example-app.auth.eu-west-1.amazoncognito.com',
      scopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
      redirect_sign_in_uri: ['https://app.example.com/', 'http://localhost:5173/'],
      redirect_sign_out_uri: ['https://app.example.com/signed-out'],
      response_type: 'code',
    });
    expectValidStackOutputs(stack);
    expect(stack.payload).toMatchObject({
      socialProviders: JSON.stringify(['GOOGLE', 'Corporate']),
      oauthCognitoDomain: 'example-app.auth.eu-west-1.amazoncognito.com',
      oauthScope: JSON.stringify(outputs.auth.oauth!.scopes),
      oauthRedirectSignIn: 'https://app.example.com/,http://localhost:5173/',
      oauthRedirectSignOut: 'https://app.example.com/signed-out',
      oauthResponseType: 'code',
      oauthClientId: IDS.userPoolClientId,
    });
  });

  test('a custom domain is named as it is; the implicit grant answers token', () => {
    const testStack = new Stack(undefined, 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
    const certificate = acm.Certificate.fromCertificateArn(testStack, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc');
    new Auth(testStack, 'Auth', {
      loginWith: { email: {} },
      domain: { customDomain: { domainName: 'auth.example.com', certificate } },
      client: { oauth: { callbackUrls: ['https://app.example.com/'], authorizationCodeGrant: false, implicitGrant: true } },
    });
    const description = authClientDescriptionFromTemplate(Template.fromStack(testStack).toJSON(), IDS);
    expect(buildAmplifyOutputs(description).auth.oauth).toMatchObject({ domain: 'auth.example.com', response_type: 'token', identity_providers: [] });
  });

  test('no oauth section without hosted sign-in, even with a machine-to-machine client and a domain', () => {
    expect(describe_(MACHINE_TO_MACHINE).outputs.auth.oauth).toBeUndefined();
    expect(describe_({ loginWith: { email: {} } }).outputs.auth.oauth).toBeUndefined();
  });

  test('the public client is found by its output when the pool has several clients', () => {
    const { template } = synthAuth({ ...SOCIAL_AND_OIDC, appClients: [{ name: 'mobile' }] });
    const description = authClientDescriptionFromTemplate(template.toJSON(), IDS);
    expect(description.oauth?.redirectSignIn).toEqual(['https://app.example.com/', 'http://localhost:5173/']);
    expect(() => authClientDescriptionFromTemplate(template.toJSON(), { ...IDS, userPoolClientLogicalId: 'Nope' })).toThrow(/resolved\.userPoolClientLogicalId/);
  });
});
