/**
 * Every front-door rule: a bad config is refused before anything is created, with the property and
 * the fix; a config whose problems are several reports them all.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnParameter, CfnDynamicReference, CfnDynamicReferenceService, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import {
  Auth, AuthProps, BrandingAssetCategory, BrandingColorMode, ClientOAuth, ExternalProviders, ManagedLoginVersion,
} from '../../src';
import { LOGO } from '../support/front-door';
import { ENV, expectConfigError, testStack } from '../support/synth';

const SECRET = SecretValue.secretsManager('app/idp');
const DOMAIN = { cognitoPrefix: 'my-app' };
const CALLBACK = ['https://app.example.com/'];
const google = { clientId: 'g', clientSecret: SECRET };

/** Email sign-in with a domain and a web client that signs users in, plus the given overrides. */
function withFrontDoor(providers: ExternalProviders, extra: Partial<AuthProps> = {}, oauth: ClientOAuth = { callbackUrls: CALLBACK }): AuthProps {
  return { loginWith: { email: {}, externalProviders: providers }, domain: DOMAIN, client: { oauth }, ...extra };
}

function web(oauth: ClientOAuth, extra: Partial<AuthProps> = {}): AuthProps {
  return { loginWith: { email: {} }, domain: DOMAIN, client: { oauth }, ...extra };
}

/** A us-east-1 certificate in a stack of its own. */
function certificate(): acm.ICertificate {
  return acm.Certificate.fromCertificateArn(testStack(), 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc');
}

const tooBig = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'brand-')), 'big.png');
fs.writeFileSync(tooBig, Buffer.alloc(1_000_001));

const cases: Array<[string, AuthProps, ...(string | RegExp)[]]> = [
  // Secrets
  ['a plain-text client secret', withFrontDoor({ google: { clientId: 'g', clientSecret: SecretValue.unsafePlainText('s3cr3t-value') } }),
    'loginWith.externalProviders.google.clientSecret: would be written into the template in plain text', 'SecretValue.secretsManager'],
  ['a plain-text Apple private key', withFrontDoor({ signInWithApple: { clientId: 'a', teamId: 't', keyId: 'k', privateKey: SecretValue.unsafePlainText('-----BEGIN PRIVATE KEY-----') } }),
    'loginWith.externalProviders.signInWithApple.privateKey: would be written into the template in plain text'],
  ['an ssm-secure secret (CloudFormation does not resolve it in ProviderDetails)', withFrontDoor({ facebook: { clientId: 'f', clientSecret: SecretValue.ssmSecure('/app/fb') } }),
    'loginWith.externalProviders.facebook.clientSecret is an ssm-secure reference, which CloudFormation does not resolve'],
  ['a plain SSM parameter as a secret', withFrontDoor({ loginWithAmazon: { clientId: 'a', clientSecret: SecretValue.cfnDynamicReference(new CfnDynamicReference(CfnDynamicReferenceService.SSM, '/app/amzn')) } }),
    'loginWith.externalProviders.loginWithAmazon.clientSecret: comes from a plain-text SSM parameter'],
  // Providers
  ['providers without a domain', { loginWith: { email: {}, externalProviders: { google } }, client: { oauth: { callbackUrls: CALLBACK } } },
    'loginWith.externalProviders: users reach external providers only through the user pool domain', 'domain: { cognitoPrefix'],
  ['a provider no client offers', { loginWith: { email: {}, externalProviders: { google } }, domain: DOMAIN },
    'loginWith.externalProviders.google: no app client offers Google', 'client.oauth'],
  ['a provider left out of the only client\'s list', withFrontDoor({ google }, {}, { callbackUrls: CALLBACK, identityProviders: ['COGNITO'] }),
    'loginWith.externalProviders.google: no app client offers Google'],
  ['an OIDC name too short', withFrontDoor({ oidc: [{ name: 'ab', clientId: 'c', clientSecret: SECRET, issuerUrl: 'https://idp.example.com' }] }),
    'loginWith.externalProviders.oidc[0].name must be 3 to 32 characters'],
  ['an OIDC name of a built-in provider', withFrontDoor({ oidc: [{ name: 'google', clientId: 'c', clientSecret: SECRET, issuerUrl: 'https://idp.example.com' }] }),
    'loginWith.externalProviders.oidc[0].name: "google" is the name of a built-in provider'],
  ['two providers with one name', withFrontDoor({
    oidc: [{ name: 'Corp', clientId: 'c', clientSecret: SECRET, issuerUrl: 'https://idp.example.com' }],
    saml: [{ name: 'corp', metadataUrl: 'https://idp.example.com/saml.xml' }],
  }), 'loginWith.externalProviders.saml[0].name: "corp" is already the name of loginWith.externalProviders.oidc[0]'],
  ['an OIDC issuer over http', withFrontDoor({ oidc: [{ name: 'Corp', clientId: 'c', clientSecret: SECRET, issuerUrl: 'http://idp.example.com' }] }),
    'loginWith.externalProviders.oidc[0].issuerUrl must use https'],
  ['OIDC scopes without openid', withFrontDoor({ oidc: [{ name: 'Corp', clientId: 'c', clientSecret: SECRET, issuerUrl: 'https://idp.example.com', scopes: ['email'] }] }),
    'loginWith.externalProviders.oidc[0].scopes must include "openid"'],
  ['an identifier shared by two providers', withFrontDoor({
    oidc: [
      { name: 'One', clientId: 'c', clientSecret: SECRET, issuerUrl: 'https://one.example.com', identifiers: ['example.com'] },
      { name: 'Two', clientId: 'c', clientSecret: SECRET, issuerUrl: 'https://two.example.com', identifiers: ['Example.com'] },
    ],
  }), 'loginWith.externalProviders.oidc[1].identifiers[0]: "Example.com" is already an identifier of loginWith.externalProviders.oidc[0]'],
  ['SAML with both metadata forms', withFrontDoor({ saml: [{ name: 'Corp', metadataUrl: 'https://idp.example.com/m.xml', metadataContent: '<xml/>' }] }),
    'loginWith.externalProviders.saml[0]: give exactly one of metadataUrl and metadataContent'],
  ['SAML with neither metadata form', withFrontDoor({ saml: [{ name: 'Corp' }] }), 'give exactly one of metadataUrl and metadataContent'],
  // Attribute mapping
  ['a mapping to an unknown attribute', withFrontDoor({ google: { ...google, attributeMapping: { custom: { emial: cognito.ProviderAttribute.GOOGLE_EMAIL } } } }),
    'loginWith.externalProviders.google.attributeMapping.custom.emial: maps to "emial", which is not a user pool attribute', 'did you mean email?'],
  ['a mapping to an undefined custom attribute', withFrontDoor({ google: { ...google, attributeMapping: { custom: { 'custom:tenant': cognito.ProviderAttribute.other('hd') } } } }),
    'maps to custom:tenant, which is not in customAttributes'],
  ['a mapping to an immutable custom attribute (the L2 default)', withFrontDoor(
    { google: { ...google, attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL, custom: { 'custom:tenant': cognito.ProviderAttribute.other('hd') } } } },
    { customAttributes: { tenant: new cognito.StringAttribute() } }),
  'maps to custom:tenant, which is immutable', 'mutable: true'],
  ['a mapping to an immutable standard attribute', withFrontDoor({ google: { ...google, attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL, givenName: cognito.ProviderAttribute.GOOGLE_GIVEN_NAME } } },
    { userAttributes: { givenName: { required: false, mutable: false } } }),
  'loginWith.externalProviders.google.attributeMapping.givenName: maps to given_name, which userAttributes.givenName makes immutable'],
  ['the default mapping to an immutable email', withFrontDoor({ google }, { userAttributes: { email: { required: true, mutable: false } } }),
    'loginWith.externalProviders.google.attributeMapping (default).email: maps to email, which userAttributes.email makes immutable'],
  ['a required attribute the provider does not map', withFrontDoor({ google }, { userAttributes: { fullname: { required: true, mutable: true } } }),
    'loginWith.externalProviders.google.attributeMapping: does not map name, which userAttributes.fullname makes required', 'fullname: cognito.ProviderAttribute.other'],
  ['a client that cannot write a mapped attribute', { ...withFrontDoor({ google }), client: { oauth: { callbackUrls: CALLBACK }, writeAttributes: ['email'] } },
    'client.writeAttributes: leaves out email_verified, which loginWith.externalProviders.google.attributeMapping (default).emailVerified maps', 'add "email_verified"'],
  // Domain
  ['both domain kinds', { loginWith: { email: {} }, domain: { cognitoPrefix: 'x', customDomain: { domainName: 'auth.example.com', certificate: certificate() } } },
    'domain: give exactly one of cognitoPrefix and customDomain'],
  ['neither domain kind', { loginWith: { email: {} }, domain: {} }, 'domain: give exactly one of cognitoPrefix and customDomain'],
  ['a prefix with capitals and dots', { loginWith: { email: {} }, domain: { cognitoPrefix: 'My.App' } }, 'domain.cognitoPrefix must be 1 to 63 lower-case letters, digits and hyphens'],
  ['a prefix ending with a hyphen', { loginWith: { email: {} }, domain: { cognitoPrefix: 'my-app-' } }, 'domain.cognitoPrefix must be 1 to 63'],
  ['a prefix with a reserved word', { loginWith: { email: {} }, domain: { cognitoPrefix: 'my-cognito-login' } }, 'domain.cognitoPrefix must not contain the reserved word "cognito"'],
  ['a prefix with two reserved words', { loginWith: { email: {} }, domain: { cognitoPrefix: 'aws-amazon' } }, 'must not contain the reserved words "aws", "amazon"'],
  ['managed login on Lite', { loginWith: { email: {} }, featurePlan: cognito.FeaturePlan.LITE, domain: DOMAIN },
    'domain.managedLoginVersion: managed login (the default) needs the Essentials or Plus feature plan', 'CLASSIC_HOSTED_UI'],
  ['branding with the classic hosted UI', { loginWith: { email: {} }, domain: { ...DOMAIN, managedLoginVersion: ManagedLoginVersion.CLASSIC_HOSTED_UI, branding: { settings: {} } } },
    'domain.branding: branding styles are for managed login; the classic hosted UI has none'],
  ['a branding image that does not exist', { loginWith: { email: {} }, domain: { ...DOMAIN, branding: { assets: [{ category: BrandingAssetCategory.FORM_LOGO, colorMode: BrandingColorMode.LIGHT, file: 'no/such/logo.png' }] } } },
    'domain.branding.assets[0].file cannot read "no/such/logo.png" (relative paths start at the directory the app runs in'],
  ['a branding image of an unknown type', { loginWith: { email: {} }, domain: { ...DOMAIN, branding: { assets: [{ category: BrandingAssetCategory.FORM_LOGO, colorMode: BrandingColorMode.LIGHT, file: 'logo.gif' }] } } },
    'domain.branding.assets[0].file must be an .ico, .jpg, .jpeg, .png, .svg or .webp file'],
  ['a favicon that is not an .ico', { loginWith: { email: {} }, domain: { ...DOMAIN, branding: { assets: [{ category: BrandingAssetCategory.FAVICON_ICO, colorMode: BrandingColorMode.DYNAMIC, file: LOGO }] } } },
    'domain.branding.assets[0].file must be an .ico file for FAVICON_ICO'],
  ['a branding image over 1,000,000 bytes', { loginWith: { email: {} }, domain: { ...DOMAIN, branding: { assets: [{ category: BrandingAssetCategory.PAGE_BACKGROUND, colorMode: BrandingColorMode.LIGHT, file: tooBig }] } } },
    'domain.branding.assets[0].file is 1000001 bytes; Cognito takes images of at most 1000000 bytes'],
  ['two images for one slot', { loginWith: { email: {} }, domain: { ...DOMAIN, branding: { assets: [1, 2].map(() => ({ category: BrandingAssetCategory.FORM_LOGO, colorMode: BrandingColorMode.LIGHT, file: LOGO })) } } },
    'domain.branding.assets[1] is the second image for FORM_LOGO in LIGHT mode'],
  ['a custom domain that is not a host name', { loginWith: { email: {} }, domain: { customDomain: { domainName: 'Auth.Example.com', certificate: certificate() } } },
    'domain.customDomain.domainName must be a lower-case host name'],
  // OAuth on clients
  ['OAuth without a domain', { loginWith: { email: {} }, client: { oauth: { callbackUrls: CALLBACK } } }, 'client.oauth: OAuth needs the user pool domain', 'domain: { cognitoPrefix'],
  ['a callback URL over http', web({ callbackUrls: ['http://app.example.com/'] }), 'client.oauth.callbackUrls[0] must use https (http is allowed only for http://localhost)'],
  ['a callback URL with a fragment', web({ callbackUrls: ['https://app.example.com/#done'] }), 'client.oauth.callbackUrls[0] must not contain a fragment'],
  ['a logout URL that is not absolute', web({ callbackUrls: CALLBACK, logoutUrls: ['/signed-out'] }), 'client.oauth.logoutUrls[0] must be an absolute URL'],
  ['more than 100 callback URLs', web({ callbackUrls: Array.from({ length: 101 }, (_, i) => `https://app${i}.example.com/`) }), 'client.oauth.callbackUrls may hold at most 100 URLs (Cognito\'s limit), got 101'],
  ['a URL listed twice', web({ callbackUrls: [...CALLBACK, ...CALLBACK] }), 'client.oauth.callbackUrls[1]: "https://app.example.com/" is listed twice'],
  ['hosted sign-in without callback URLs', web({}), 'client.oauth.callbackUrls: are required for the authorization code and implicit grants'],
  ['a default redirect URI not among the callback URLs', web({ callbackUrls: CALLBACK, defaultRedirectUri: 'https://other.example.com/' }), 'client.oauth.defaultRedirectUri: "https://other.example.com/" must be one of callbackUrls'],
  ['no grant at all', web({ callbackUrls: CALLBACK, authorizationCodeGrant: false }), 'client.oauth: allows no grant'],
  ['the implicit grant beside the PKCE code grant', web({ callbackUrls: CALLBACK, implicitGrant: true }), 'client.oauth.implicitGrant cannot be combined with the authorization code grant', 'lets an attacker skip PKCE'],
  ['client credentials on the public client', web({ clientCredentials: true, scopes: ['api/read'] }, { resourceServers: [{ identifier: 'api', scopes: [{ name: 'read', description: 'Read' }] }] }),
    'client.oauth.clientCredentials: needs a confidential client', 'add an appClients entry with generateSecret: true'],
  ['client credentials on a named public client', { loginWith: { email: {} }, domain: DOMAIN, resourceServers: [{ identifier: 'api', scopes: [{ name: 'read', description: 'Read' }] }], appClients: [{ name: 'job', oauth: { clientCredentials: true, scopes: ['api/read'] } }] },
    'appClients[0].oauth.clientCredentials: needs a confidential client', 'set appClients[0].generateSecret: true'],
  ['client credentials with the code grant', { loginWith: { email: {} }, domain: DOMAIN, appClients: [{ name: 'job', generateSecret: true, oauth: { clientCredentials: true, authorizationCodeGrant: true, callbackUrls: CALLBACK } }] },
    'appClients[0].oauth.clientCredentials cannot be combined with the authorization code or implicit grant'],
  ['client credentials with a standard scope', { loginWith: { email: {} }, domain: DOMAIN, appClients: [{ name: 'job', generateSecret: true, oauth: { clientCredentials: true, scopes: ['openid'] } }] },
    'appClients[0].oauth.scopes: the client credentials grant takes resource server scopes only, not openid'],
  ['client credentials with no scope', { loginWith: { email: {} }, domain: DOMAIN, appClients: [{ name: 'job', generateSecret: true, oauth: { clientCredentials: true } }] },
    'appClients[0].oauth.scopes: the client credentials grant needs at least one resource server scope'],
  ['an unknown scope', web({ callbackUrls: CALLBACK, scopes: ['openid', 'emial'] }), 'client.oauth.scopes[1]: "emial" is neither a standard scope nor a scope of a resource server', 'did you mean "email"?'],
  ['email scope without openid', web({ callbackUrls: CALLBACK, scopes: ['email'] }), 'client.oauth.scopes: email needs the openid scope too'],
  ['an unknown identity provider', web({ callbackUrls: CALLBACK, identityProviders: ['COGNITO', 'Gogle'] }), 'client.oauth.identityProviders[1]: "Gogle" is not COGNITO or a configured external provider'],
  ['no identity provider', web({ callbackUrls: CALLBACK, identityProviders: [] }), 'client.oauth.identityProviders: offers no way to sign in'],
  ['an unknown read attribute', { loginWith: { email: {} }, client: { readAttributes: ['emailVerified'] } }, 'client.readAttributes[0]: "emailVerified" is not a user pool attribute', 'did you mean "email_verified"?'],
  ['a rotation grace period over 60 seconds', { loginWith: { email: {} }, client: { refreshTokenRotation: { retryGracePeriod: Duration.minutes(2) } } },
    'client.refreshTokenRotation.retryGracePeriod must be 0 to 60 whole seconds, got 2 minutes'],
  // Named clients and resource servers
  ['two named clients with one name', { loginWith: { email: {} }, appClients: [{ name: 'web2' }, { name: 'web2' }] }, 'appClients[1].name: "web2" is already the name of another app client'],
  ['a named client name Cognito refuses', { loginWith: { email: {} }, appClients: [{ name: 'bad/name' }] }, 'appClients[0].name must be 1 to 128 letters'],
  ['a named client token lifetime out of range', { loginWith: { email: {} }, appClients: [{ name: 'x', accessTokenValidity: Duration.days(2) }] }, 'appClients[0].accessTokenValidity must be between 5 minutes and 1 day'],
  ['a resource server without scopes', { loginWith: { email: {} }, resourceServers: [{ identifier: 'api', scopes: [] }] }, 'resourceServers[0].scopes must hold 1 to 100 scopes, got 0'],
  ['a scope name with a slash', { loginWith: { email: {} }, resourceServers: [{ identifier: 'api', scopes: [{ name: 'read/all', description: 'x' }] }] }, 'resourceServers[0].scopes[0].name must be 1 to 256 characters without spaces'],
  ['two resource servers with one identifier', { loginWith: { email: {} }, resourceServers: [1, 2].map(() => ({ identifier: 'api', scopes: [{ name: 'read', description: 'x' }] })) },
    'resourceServers[1].identifier: "api" is already the identifier of another resource server'],
];

describe('front-door configs Cognito or CloudFormation would refuse, or that would not work', () => {
  test.each(cases)('%s', (_name, props, ...fragments) => {
    expectConfigError(props, ...fragments);
  });
});

describe('accepted', () => {
  test.each<[string, AuthProps]>([
    ['a client that may write what its provider maps', { ...withFrontDoor({ google }), client: { oauth: { callbackUrls: CALLBACK }, writeAttributes: ['email', 'email_verified'] } }],
    ['http://localhost and an app scheme', web({ callbackUrls: ['http://localhost:3000/callback', 'myapp://callback'] })],
    ['the implicit grant alone (with a warning)', web({ callbackUrls: CALLBACK, authorizationCodeGrant: false, implicitGrant: true })],
    ['classic hosted UI on Lite', { loginWith: { email: {} }, featurePlan: cognito.FeaturePlan.LITE, domain: { ...DOMAIN, managedLoginVersion: ManagedLoginVersion.CLASSIC_HOSTED_UI } }],
  ])('%s', (_name, props) => {
    expect(Auth.validateProps(props)).toEqual([]);
  });
});

test('a secret from a resource attribute (another client\'s generated secret) is accepted', () => {
  const stack = testStack();
  const pool = new cognito.UserPool(stack, 'Other');
  const upstream = pool.addClient('Upstream', { generateSecret: true });
  expect(() => new Auth(stack, 'Auth', withFrontDoor({ oidc: [{ name: 'Upstream', clientId: upstream.userPoolClientId, clientSecret: upstream.userPoolClientSecret, issuerUrl: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_x' }] })))
    .not.toThrow();
});

test('a secret from a parameter that is not NoEcho, or from a plain SSM string parameter, is refused', () => {
  const stack = new Stack(undefined, 'S', { env: ENV });
  const plain = new CfnParameter(stack, 'Plain');
  const secret = SecretValue.unsafePlainText(plain.valueAsString);
  const viaSsm = SecretValue.unsafePlainText(ssm.StringParameter.valueForStringParameter(stack, '/app/secret'));
  const problems = Auth.validateProps(withFrontDoor({ google: { clientId: 'g', clientSecret: secret }, facebook: { clientId: 'f', clientSecret: viaSsm } }));
  expect(problems.filter(p => p.includes('in plain text'))).toHaveLength(2);
});

test('a plain string as a secret is refused without echoing it (plain JavaScript)', () => {
  const problems = Auth.validateProps(withFrontDoor({ google: { clientId: 'g', clientSecret: 'super-secret-text' as any } }));
  expect(problems).toEqual([expect.stringContaining('loginWith.externalProviders.google.clientSecret must be a SecretValue, got a string (not shown: it is a secret)')]);
  expect(problems.join('\n')).not.toContain('super-secret-text');
});

test('a certificate outside us-east-1 is refused, from its ARN or its stack', () => {
  const stack = testStack();
  const fromArn = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc');
  const euStack = new Stack(stack.node.scope as any, 'Eu', { env: { account: ENV.account, region: 'eu-central-1' } });
  const fromStack = new acm.Certificate(euStack, 'Cert', { domainName: 'auth.example.com' });
  for (const [cert, region] of [[fromArn, 'eu-west-1'], [fromStack, 'eu-central-1']] as const) {
    expect(Auth.validateProps({ loginWith: { email: {} }, domain: { customDomain: { domainName: 'auth.example.com', certificate: cert } } }))
      .toEqual([expect.stringContaining(`domain.customDomain.certificate is in ${region}, but Cognito custom domains need an ACM certificate in us-east-1`)]);
  }
});

test('several problems at once, each naming its property', () => {
  const error = expectConfigError({
    loginWith: { email: {}, externalProviders: { google: { clientId: 'g', clientSecret: SecretValue.unsafePlainText('x') } } },
    domain: { cognitoPrefix: 'amazon' },
    client: { oauth: { callbackUrls: ['http://example.com/#x'] } },
  });
  expect(error.message).toMatch(/\(\d+ problems\)/);
  for (const fragment of ['google.clientSecret', 'domain.cognitoPrefix', 'client.oauth.callbackUrls[0] must not contain a fragment', 'client.oauth.callbackUrls[0] must use https']) {
    expect(error.message).toContain(fragment);
  }
});
