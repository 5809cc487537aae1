/**
 * The front door in the template: external providers, the domain with managed login and branding,
 * OAuth settings of the app clients, named clients, resource servers, outputs.
 */
import * as fs from 'fs';
import { AssetCategoryType, ColorSchemeModeType } from '@aws-sdk/client-cognito-identity-provider';
import { CfnParameter, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  Auth, AuthProps, BrandingAssetCategory, BrandingColorMode, ManagedLoginVersion, MfaMode, OidcAttributeRequestMethod,
} from '../../src';
import { checkAuthProps } from '../../src/config/check';
import { LOGO, MACHINE_TO_MACHINE, SOCIAL_AND_OIDC } from '../support/front-door';
import { synthAuth, testStack } from '../support/synth';

const SECRET = SecretValue.secretsManager('app/idp', { jsonField: 'secret' });
const DOMAIN = { cognitoPrefix: 'my-app' };
const WEB = { oauth: { callbackUrls: ['https://app.example.com/'] } };

function only(template: Template, type: string): Record<string, any> {
  const found = Object.values(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0].Properties;
}

function providerOfType(template: Template, providerType: string): Record<string, any> {
  const found = Object.values(template.findResources('AWS::Cognito::UserPoolIdentityProvider'))
    .filter(r => r.Properties.ProviderType === providerType);
  expect(found).toHaveLength(1);
  return found[0].Properties;
}

function webClient(template: Template): Record<string, any> {
  return template.toJSON().Resources.AuthUserPoolClient0AA456E4.Properties;
}

describe('logical IDs of the pool and the public client do not move', () => {
  test.each([['social and OIDC', SOCIAL_AND_OIDC], ['machine to machine', MACHINE_TO_MACHINE]])('%s', (_name, props) => {
    const { stack, auth } = synthAuth(props);
    expect(stack.getLogicalId(auth.cfnUserPool)).toBe('AuthUserPool8115E87F');
    expect(stack.getLogicalId(auth.cfnUserPoolClient)).toBe('AuthUserPoolClient0AA456E4');
  });
});

describe('external providers', () => {
  test('Google: secret as a Secrets Manager reference, default scopes and email mapping', () => {
    const { template } = synthAuth({ loginWith: { email: {}, externalProviders: { google: { clientId: 'gid', clientSecret: SECRET } } }, domain: DOMAIN, client: WEB });
    expect(providerOfType(template, 'Google')).toMatchObject({
      ProviderName: 'Google',
      ProviderDetails: { client_id: 'gid', client_secret: '{{resolve:secretsmanager:app/idp:SecretString:secret::}}', authorize_scopes: 'openid email profile' },
      AttributeMapping: { email: 'email', email_verified: 'email_verified' },
    });
  });

  test('Facebook, Login with Amazon and Sign in with Apple with their own scopes and mappings', () => {
    const { template } = synthAuth({
      loginWith: {
        email: {},
        externalProviders: {
          facebook: { clientId: 'fb', clientSecret: SECRET, apiVersion: 'v17.0' },
          loginWithAmazon: { clientId: 'amzn', clientSecret: SECRET, scopes: ['profile', 'postal_code'] },
          signInWithApple: { clientId: 'com.example.web', teamId: 'TEAM', keyId: 'KEY', privateKey: SECRET, attributeMapping: { email: cognito.ProviderAttribute.APPLE_EMAIL, givenName: cognito.ProviderAttribute.APPLE_FIRST_NAME } },
        },
      },
      domain: DOMAIN,
      client: WEB,
    });
    expect(providerOfType(template, 'Facebook')).toMatchObject({
      ProviderDetails: { client_id: 'fb', authorize_scopes: 'public_profile,email', api_version: 'v17.0' },
      AttributeMapping: { email: 'email' },
    });
    expect(providerOfType(template, 'LoginWithAmazon')).toMatchObject({
      ProviderDetails: { client_id: 'amzn', authorize_scopes: 'profile postal_code' }, AttributeMapping: { email: 'email' },
    });
    expect(providerOfType(template, 'SignInWithApple')).toMatchObject({
      ProviderDetails: { client_id: 'com.example.web', team_id: 'TEAM', key_id: 'KEY', private_key: '{{resolve:secretsmanager:app/idp:SecretString:secret::}}', authorize_scopes: 'email name' },
      AttributeMapping: { email: 'email', given_name: 'firstName' },
    });
    expect(webClient(template).SupportedIdentityProviders).toEqual(['COGNITO', 'Facebook', 'LoginWithAmazon', 'SignInWithApple']);
  });

  test('several OIDC providers with identifiers, endpoints, POST and custom attribute mapping', () => {
    const { template } = synthAuth({
      loginWith: {
        email: {},
        externalProviders: {
          oidc: [
            { name: 'Okta', clientId: 'okta', clientSecret: SECRET, issuerUrl: 'https://example.okta.com', identifiers: ['example.com'] },
            {
              name: 'Legacy',
              clientId: 'l',
              clientSecret: SECRET,
              issuerUrl: 'https://legacy.example.com',
              scopes: ['openid'],
              attributeRequestMethod: OidcAttributeRequestMethod.POST,
              endpoints: { authorization: 'https://legacy.example.com/a', token: 'https://legacy.example.com/t', userInfo: 'https://legacy.example.com/u', jwksUri: 'https://legacy.example.com/j' },
              attributeMapping: { email: cognito.ProviderAttribute.other('mail'), custom: { 'custom:tenant': cognito.ProviderAttribute.other('tid') } },
            },
          ],
        },
      },
      customAttributes: { tenant: new cognito.StringAttribute({ mutable: true }) },
      domain: DOMAIN,
      client: WEB,
    });
    const oidc = Object.values(template.findResources('AWS::Cognito::UserPoolIdentityProvider')).map(r => r.Properties);
    expect(oidc).toEqual([
      expect.objectContaining({ ProviderName: 'Okta', ProviderType: 'OIDC', IdpIdentifiers: ['example.com'], AttributeMapping: { email: 'email' } }),
      expect.objectContaining({
        ProviderName: 'Legacy',
        ProviderDetails: expect.objectContaining({ attributes_request_method: 'POST', authorize_url: 'https://legacy.example.com/a', jwks_uri: 'https://legacy.example.com/j', authorize_scopes: 'openid' }),
        AttributeMapping: { 'email': 'mail', 'custom:tenant': 'tid' },
      }),
    ]);
  });

  test('SAML by metadata URL with signed requests, encrypted responses and sign-out; no default mapping', () => {
    const { template } = synthAuth({
      loginWith: {
        email: {},
        externalProviders: {
          saml: [{
            name: 'EntraID',
            metadataUrl: 'https://login.example.com/metadata.xml',
            signRequests: true,
            encryptedResponses: true,
            idpSignout: true,
            attributeMapping: { email: cognito.ProviderAttribute.other('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress') },
          }],
        },
      },
      domain: DOMAIN,
      client: WEB,
    });
    expect(providerOfType(template, 'SAML')).toMatchObject({
      ProviderName: 'EntraID',
      ProviderDetails: { MetadataURL: 'https://login.example.com/metadata.xml', RequestSigningAlgorithm: 'rsa-sha256', EncryptedResponses: true, IDPSignout: true },
    });
  });

  test('a NoEcho parameter and a Secret construct are accepted as secrets', () => {
    const stack = testStack();
    const param = new CfnParameter(stack, 'GoogleSecret', { noEcho: true });
    const secret = new secretsmanager.Secret(stack, 'CorpSecret');
    new Auth(stack, 'Auth', {
      loginWith: {
        email: {},
        externalProviders: {
          google: { clientId: 'g', clientSecret: SecretValue.cfnParameter(param) },
          oidc: [{ name: 'Corp', clientId: 'c', clientSecret: secret.secretValueFromJson('clientSecret'), issuerUrl: 'https://corp.example.com' }],
        },
      },
      domain: DOMAIN,
      client: WEB,
    });
    const template = Template.fromStack(stack);
    expect(providerOfType(template, 'Google').ProviderDetails.client_secret).toEqual({ Ref: 'GoogleSecret' });
    expect(JSON.stringify(providerOfType(template, 'OIDC').ProviderDetails.client_secret)).toContain('{{resolve:secretsmanager:');
  });

  test('the client names providers literally and waits for them', () => {
    const { template } = synthAuth(SOCIAL_AND_OIDC);
    const client = template.toJSON().Resources.AuthUserPoolClient0AA456E4;
    expect(client.Properties.SupportedIdentityProviders).toEqual(['COGNITO', 'Google', 'Corporate']);
    expect(client.DependsOn).toEqual(expect.arrayContaining(['AuthGoogleD0DBBA69']));
    expect(client.DependsOn).toHaveLength(2);
  });
});

describe('domain and managed login', () => {
  test('a Cognito prefix domain with managed login (version 2) and Cognito\'s default style for the web client', () => {
    const { template, auth } = synthAuth({ loginWith: { email: {} }, domain: DOMAIN, client: WEB });
    expect(only(template, 'AWS::Cognito::UserPoolDomain')).toEqual({ Domain: 'my-app', ManagedLoginVersion: 2, UserPoolId: { Ref: 'AuthUserPool8115E87F' } });
    expect(only(template, 'AWS::Cognito::ManagedLoginBranding')).toEqual({
      UseCognitoProvidedValues: true, ClientId: { Ref: 'AuthUserPoolClient0AA456E4' }, UserPoolId: { Ref: 'AuthUserPool8115E87F' },
    });
    expect(auth.domainName).toBe('my-app.auth.us-east-1.amazoncognito.com');
    template.hasOutput('AuthDomain', { Value: 'my-app.auth.us-east-1.amazoncognito.com' });
  });

  test('a custom domain with a us-east-1 certificate', () => {
    const stack = testStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc');
    const auth = new Auth(stack, 'Auth', { loginWith: { email: {} }, domain: { customDomain: { domainName: 'auth.example.com', certificate } }, client: WEB });
    const template = Template.fromStack(stack);
    expect(only(template, 'AWS::Cognito::UserPoolDomain')).toMatchObject({
      Domain: 'auth.example.com', CustomDomainConfig: { CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
    });
    expect(auth.domainName).toBe('auth.example.com');
  });

  test('a certificate whose region is a token warns that it is checked at deploy', () => {
    const stack = new Stack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', new CfnParameter(stack, 'CertArn').valueAsString);
    new Auth(stack, 'Auth', { loginWith: { email: {} }, domain: { customDomain: { domainName: 'auth.example.com', certificate } } });
    Annotations.fromStack(stack).hasWarning('/Default/Auth', Match.stringLikeRegexp('domain.customDomain.certificate is not known until deploy time'));
  });

  test('the classic hosted UI (version 1) has no branding style', () => {
    const domain = { ...DOMAIN, managedLoginVersion: ManagedLoginVersion.CLASSIC_HOSTED_UI };
    const { template } = synthAuth({ loginWith: { email: {} }, domain, client: WEB });
    expect(only(template, 'AWS::Cognito::UserPoolDomain').ManagedLoginVersion).toBe(1);
    template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 0);
  });

  test('branding settings and a logo file, embedded as base64, for every client that signs users in', () => {
    const { template } = synthAuth({
      ...SOCIAL_AND_OIDC,
      appClients: [{ name: 'admin-console', generateSecret: true, oauth: { callbackUrls: ['https://admin.example.com/'] } }],
    });
    const styles = Object.values(template.findResources('AWS::Cognito::ManagedLoginBranding')).map(r => r.Properties);
    expect(styles).toHaveLength(2);
    expect(styles[0]).toMatchObject({
      UseCognitoProvidedValues: false,
      Settings: { components: { pageBackground: { lightMode: { color: 'f5f5f5ff' } } } },
      Assets: [{ Category: 'PAGE_HEADER_LOGO', ColorMode: 'DYNAMIC', Extension: 'SVG', Bytes: fs.readFileSync(LOGO).toString('base64') }],
    });
    expect(styles.map(s => s.ClientId)).toEqual([{ Ref: 'AuthUserPoolClient0AA456E4' }, { Ref: expect.stringMatching(/^AuthAppClientadminconsole/) }]);
  });

  test('a domain used only by a machine-to-machine client gets no branding style', () => {
    const { template } = synthAuth(MACHINE_TO_MACHINE);
    template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 0);
  });
});

describe('OAuth settings of the public client', () => {
  test('authorization code grant (PKCE) by default, default scopes and providers, URLs', () => {
    const { template } = synthAuth({
      loginWith: { email: {} },
      domain: DOMAIN,
      client: { oauth: { callbackUrls: ['https://app.example.com/cb', 'myapp://callback'], logoutUrls: ['http://localhost:3000/'], defaultRedirectUri: 'myapp://callback' } },
    });
    expect(webClient(template)).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
      CallbackURLs: ['https://app.example.com/cb', 'myapp://callback'],
      LogoutURLs: ['http://localhost:3000/'],
      DefaultRedirectURI: 'myapp://callback',
      SupportedIdentityProviders: ['COGNITO'],
      GenerateSecret: false,
    });
  });

  test('the phone scope joins the default when users have a phone number', () => {
    const { template } = synthAuth({ loginWith: { phone: {} }, domain: DOMAIN, client: WEB });
    expect(webClient(template).AllowedOAuthScopes).toEqual(['openid', 'email', 'profile', 'aws.cognito.signin.user.admin', 'phone']);
  });

  test('explicit scopes, including a resource server scope, and a chosen provider list', () => {
    const { template } = synthAuth({
      loginWith: { email: {}, externalProviders: { google: { clientId: 'g', clientSecret: SECRET } } },
      resourceServers: [{ identifier: 'api', scopes: [{ name: 'read', description: 'Read' }] }],
      domain: DOMAIN,
      client: { oauth: { callbackUrls: ['https://app.example.com/'], scopes: ['openid', 'api/read'], identityProviders: ['Google'] } },
    });
    expect(webClient(template)).toMatchObject({ AllowedOAuthScopes: ['openid', 'api/read'], SupportedIdentityProviders: ['Google'] });
  });

  test('the implicit grant only when asked, with a synth-time warning', () => {
    const { stack, template } = synthAuth({
      loginWith: { email: {} },
      domain: DOMAIN,
      client: { oauth: { callbackUrls: ['https://app.example.com/'], authorizationCodeGrant: false, implicitGrant: true } },
    });
    expect(webClient(template).AllowedOAuthFlows).toEqual(['implicit']);
    Annotations.fromStack(stack).hasWarning('/TestStack/Auth', Match.stringLikeRegexp('client.oauth.implicitGrant is on: Cognito returns tokens in the redirect URL'));
  });

  test('without oauth the client keeps OAuth off (as before)', () => {
    const { template } = synthAuth({ loginWith: { email: {} } });
    expect(webClient(template).AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(webClient(template).AllowedOAuthFlows).toBeUndefined();
  });

  test('read and write attributes in Cognito\'s names, and refresh token rotation', () => {
    const { template } = synthAuth({
      loginWith: { email: {} },
      customAttributes: { tenant: new cognito.StringAttribute({ mutable: true }) },
      client: {
        readAttributes: ['email', 'email_verified', 'custom:tenant'],
        writeAttributes: ['email'],
        refreshTokenRotation: { retryGracePeriod: Duration.seconds(10) },
      },
    });
    expect(webClient(template)).toMatchObject({
      ReadAttributes: ['email', 'email_verified', 'custom:tenant'],
      WriteAttributes: ['email'],
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
      // Rotation replaces REFRESH_TOKEN_AUTH with GetTokensFromRefreshToken.
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
    });
  });

  test('rotation with the default grace period of 0 seconds', () => {
    const { template } = synthAuth({ loginWith: { email: {} }, client: { refreshTokenRotation: {} } });
    expect(webClient(template).RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 0 });
  });
});

describe('named app clients and resource servers', () => {
  test('a confidential machine-to-machine client with client credentials, its scopes and token lifetime', () => {
    const { template, auth, stack } = synthAuth(MACHINE_TO_MACHINE);
    const m2m = template.toJSON().Resources[stack.getLogicalId(auth.appClients['nightly-export'].node.defaultChild as cognito.CfnUserPoolClient)];
    expect(m2m.Properties).toMatchObject({
      ClientName: 'nightly-export',
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['https://api.example.com/orders.read'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      AccessTokenValidity: 15,
    });
    expect(m2m.Properties.CallbackURLs).toBeUndefined();
    expect(m2m.DependsOn).toEqual([expect.stringMatching(/^AuthResourceServerhttpsapiexamplecom/)]);
    expect(only(template, 'AWS::Cognito::UserPoolResourceServer')).toMatchObject({
      Identifier: 'https://api.example.com',
      Name: 'Orders API',
      Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'Read orders' }, { ScopeName: 'orders.write', ScopeDescription: 'Create and change orders' }],
    });
    template.hasOutput('AuthAppClientnightlyexportId', { Value: { Ref: Match.stringLikeRegexp('^AuthAppClientnightlyexport') } });
    // The public web client stays as it was.
    expect(webClient(template).GenerateSecret).toBe(false);
  });

  test('a named client with SRP sign-in and its own token lifetimes', () => {
    const { template, auth, stack } = synthAuth({
      loginWith: { email: {} },
      appClients: [{ name: 'mobile', refreshTokenValidity: Duration.days(90), idTokenValidity: Duration.minutes(30) }],
    });
    const id = stack.getLogicalId(auth.appClients.mobile.node.defaultChild as cognito.CfnUserPoolClient);
    expect(template.toJSON().Resources[id].Properties).toMatchObject({
      ClientName: 'mobile',
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      RefreshTokenValidity: 129600,
      IdTokenValidity: 30,
      AllowedOAuthFlowsUserPoolClient: false,
    });
  });
});

describe('the resolved domain is exposed for the passkey rules', () => {
  test('prefix and custom', () => {
    const checked = checkAuthProps({ loginWith: { email: {} }, domain: DOMAIN } satisfies AuthProps);
    expect(checked.ok && checked.config.domain).toMatchObject({ cognitoPrefix: 'my-app', managedLoginVersion: ManagedLoginVersion.MANAGED_LOGIN });
  });
});

test('the branding asset categories and colour modes are Cognito\'s', () => {
  expect(Object.values(BrandingAssetCategory).sort()).toEqual(Object.values(AssetCategoryType).sort());
  expect(Object.values(BrandingColorMode).sort()).toEqual(Object.values(ColorSchemeModeType).sort());
  expect(MfaMode.REQUIRED).toBe('REQUIRED');
});
