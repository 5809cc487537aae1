import { CfnParameter } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Auth, AuthProps, MfaMode } from '../../src';
import { checkAuthProps } from '../../src/config/check';
import { renderProblem } from '../../src/config/findings';
import { expectConfigError, synthAuth, testStack, userPoolProps } from '../support/synth';

const email = { email: {} };
const optional = { mode: MfaMode.OPTIONAL };
const PREFIX_HOST = 'my-app.auth.us-east-1.amazoncognito.com';
const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';

function withCustomDomain(passwordless: AuthProps['passwordless'], domainName = 'auth.example.com') {
  const stack = testStack();
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
  new Auth(stack, 'Auth', { loginWith: email, multifactor: optional, domain: { customDomain: { domainName, certificate } }, passwordless });
  return { template: Template.fromStack(stack), annotations: Annotations.fromStack(stack) };
}

/** The rendered problems of a config that should be refused. */
function problems(props: AuthProps): string[] {
  const checked = checkAuthProps(props);
  return checked.ok ? [] : checked.problems.map(renderProblem);
}

describe('passkey relying party and user verification in the template', () => {
  test('a prefix domain is the default relying party, user verification preferred', () => {
    const { template } = synthAuth({ loginWith: email, multifactor: optional, domain: { cognitoPrefix: 'my-app' }, passwordless: { passkey: true } });
    const pool = userPoolProps(template);
    expect(pool.WebAuthnRelyingPartyID).toBe(PREFIX_HOST);
    expect(pool.WebAuthnUserVerification).toBe('preferred');
    expect(pool.Policies.SignInPolicy.AllowedFirstAuthFactors).toEqual(['PASSWORD', 'WEB_AUTHN']);
  });

  test('an explicit relying party and required user verification are written as given', () => {
    const { template } = synthAuth({
      loginWith: email,
      multifactor: optional,
      passwordless: { passkey: true, passkeyRelyingPartyId: 'app.example.com', passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED },
    });
    expect(userPoolProps(template)).toMatchObject({ WebAuthnRelyingPartyID: 'app.example.com', WebAuthnUserVerification: 'required' });
  });

  test('a custom domain is the default relying party', () => {
    const { template } = withCustomDomain({ passkey: true });
    expect(userPoolProps(template).WebAuthnRelyingPartyID).toBe('auth.example.com');
  });

  test('a registrable parent of the custom domain synthesizes with a warning', () => {
    const { template, annotations } = withCustomDomain({ passkey: true, passkeyRelyingPartyId: 'example.com' });
    expect(userPoolProps(template).WebAuthnRelyingPartyID).toBe('example.com');
    const warnings = annotations.findWarning('/TestStack/Auth', Match.stringLikeRegexp('passkey-relying-party-parent'));
    expect(warnings).toHaveLength(1);
  });

  test('without passkeys the template has no WebAuthn settings', () => {
    const pool = userPoolProps(synthAuth({ loginWith: email, multifactor: optional, passwordless: { emailOtp: true } }).template);
    expect(pool.WebAuthnRelyingPartyID).toBeUndefined();
    expect(pool.WebAuthnUserVerification).toBeUndefined();
  });

  test('a token relying party synthesizes with a deploy-time warning naming the property', () => {
    const stack = testStack();
    const rp = new CfnParameter(stack, 'RpId').valueAsString;
    new Auth(stack, 'Auth', { loginWith: email, multifactor: optional, domain: { cognitoPrefix: 'my-app' }, passwordless: { passkey: true, passkeyRelyingPartyId: rp } });
    expect(userPoolProps(Template.fromStack(stack)).WebAuthnRelyingPartyID).toEqual({ Ref: 'RpId' });
    const warnings = Annotations.fromStack(stack).findWarning('/TestStack/Auth', Match.anyValue());
    expect(warnings.map(w => String(w.entry.data))).toEqual([expect.stringContaining('[ack: @cdk-mfa/auth:checked-at-deploy:passwordless.passkeyRelyingPartyId]')]);
  });
});

describe('passkey findings', () => {
  const prefix = { cognitoPrefix: 'my-app' };
  const base = { loginWith: email, multifactor: optional };

  test.each<[string, AuthProps, string]>([
    ['no domain and no relying party', { ...base, passwordless: { passkey: true } },
      'passwordless.passkey: passkeys need a relying party ID, and the pool has no domain to default to; set passwordless.passkeyRelyingPartyId to your app\'s host name'],
    ['a relying party that is not the prefix domain', { ...base, domain: prefix, passwordless: { passkey: true, passkeyRelyingPartyId: 'app.example.com' } },
      'passwordless.passkeyRelyingPartyId must be the prefix domain my-app.auth.<region>.amazoncognito.com'],
    ['another prefix', { ...base, domain: prefix, passwordless: { passkey: true, passkeyRelyingPartyId: 'other.auth.us-east-1.amazoncognito.com' } },
      'passwordless.passkeyRelyingPartyId must be the prefix domain'],
    ['a URL instead of a host name', { ...base, passwordless: { passkey: true, passkeyRelyingPartyId: 'https://app.example.com' } },
      'passwordless.passkeyRelyingPartyId must be a lower-case host name without scheme, port or path (got "https://app.example.com"); write it as app.example.com'],
    ['a host with a port', { ...base, passwordless: { passkey: true, passkeyRelyingPartyId: 'localhost:3000' } }, 'without scheme, port or path'],
    ['longer than CloudFormation allows', { ...base, passwordless: { passkey: true, passkeyRelyingPartyId: `${'a'.repeat(60)}.example.com` } },
      'must be at most 63 characters, as CloudFormation allows (got 72)'],
    ['relying party without passkeys', { ...base, passwordless: { emailOtp: true, passkeyRelyingPartyId: 'app.example.com' } },
      'passwordless.passkeyRelyingPartyId: has no effect without passkeys; set passwordless.passkey: true'],
    ['user verification without passkeys', { ...base, passwordless: { emailOtp: true, passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED } },
      'passwordless.passkeyUserVerification: has no effect without passkeys'],
    ['passkeys on Lite', { ...base, featurePlan: cognito.FeaturePlan.LITE, passwordless: { passkey: true, passkeyRelyingPartyId: 'app.example.com' } },
      'passwordless: choice-based sign-in needs the Essentials or Plus feature plan; set featurePlan to ESSENTIALS or PLUS'],
  ])('%s', (_name, props, expected) => {
    expect(problems(props).join('\n')).toContain(expected);
    expectConfigError(props, expected.split(';')[0]);
  });

  test('a custom domain refuses an unrelated relying party, and a look-alike suffix', () => {
    const stack = testStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
    const custom = (rp: string) => problems({ ...base, domain: { customDomain: { domainName: 'auth.example.com', certificate } }, passwordless: { passkey: true, passkeyRelyingPartyId: rp } });
    expect(custom('app.example.org')).toEqual([expect.stringContaining('must be the custom domain auth.example.com (or a registrable parent of it)')]);
    expect(custom('ample.com')).toHaveLength(1);
    expect(custom('com')).toHaveLength(1);
    expect(custom('auth.example.com')).toEqual([]);
  });

  test('the prefix domain in any region passes, and an app host with no domain passes', () => {
    expect(problems({ ...base, domain: prefix, passwordless: { passkey: true, passkeyRelyingPartyId: 'my-app.auth.eu-west-2.amazoncognito.com' } })).toEqual([]);
    expect(problems({ ...base, passwordless: { passkey: true, passkeyRelyingPartyId: 'localhost' } })).toEqual([]);
  });

  test('the user-verification setting takes only the enum\'s values', () => {
    expect(problems({ ...base, domain: prefix, passwordless: { passkey: true, passkeyUserVerification: 'always' as any } }).join('\n'))
      .toMatch(/passwordless\.passkeyUserVerification.*preferred.*required|passwordless\.passkeyUserVerification.*PREFERRED/);
  });
});
