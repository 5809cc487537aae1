import { App, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';

/** Where the relying party in the tests listens; the web client registers these exact URLs. */
export const CALLBACK_URL = 'http://localhost:3000/callback';
export const LOGOUT_URL = 'http://localhost:3000/signed-out';
export const API_IDENTIFIER = 'https://api.example.com';

export interface HostedStackOptions {
  readonly mfa?: cognito.Mfa;
  readonly mfaSecondFactor?: cognito.MfaSecondFactor;
  readonly callbackUrls?: string[];
  readonly logoutUrls?: string[];
}

/** More resources for one test (e.g. a trigger). */
export type StackExtra = (stack: Stack, pool: cognito.UserPool) => void;

/**
 * A user pool with a Cognito domain, managed login branding, a public web client with the code
 * grant, a confidential machine-to-machine client with a resource server scope, and Google, OIDC
 * and SAML providers: all through the raw aws-cdk-lib L2, as a platform team would write it.
 */
export function synthHostedStack(options: HostedStackOptions = {}, extra?: StackExtra): object {
  const app = new App();
  const stack = new Stack(app, 'HostedTest', { env: { region: 'us-east-1', account: '111111111111' } });
  const pool = new cognito.UserPool(stack, 'Pool', {
    selfSignUpEnabled: true,
    signInAliases: { email: true },
    autoVerify: { email: true },
    mfa: options.mfa ?? cognito.Mfa.REQUIRED,
    mfaSecondFactor: options.mfaSecondFactor ?? { otp: true, sms: false },
    passwordPolicy: { minLength: 12, requireSymbols: true },
    standardAttributes: { givenName: { required: false, mutable: true } },
  });
  const domain = pool.addDomain('Domain', {
    cognitoDomain: { domainPrefix: 'sandbox-shop' },
    managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
  });
  const read = new cognito.ResourceServerScope({ scopeName: 'orders.read', scopeDescription: 'Read orders' });
  const api = pool.addResourceServer('Api', { identifier: API_IDENTIFIER, userPoolResourceServerName: 'Orders API', scopes: [read] });
  const google = new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', {
    userPool: pool,
    clientId: 'google-client-id',
    clientSecretValue: SecretValue.unsafePlainText('google-client-secret'),
    scopes: ['openid', 'email', 'profile'],
    attributeMapping: {
      email: cognito.ProviderAttribute.GOOGLE_EMAIL,
      givenName: cognito.ProviderAttribute.GOOGLE_GIVEN_NAME,
    },
  });
  const oidc = new cognito.UserPoolIdentityProviderOidc(stack, 'Corp', {
    userPool: pool,
    name: 'CorpIdP',
    clientId: 'corp-client',
    clientSecret: 'corp-secret',
    issuerUrl: 'https://idp.corp.example.com',
    attributeMapping: { email: cognito.ProviderAttribute.other('mail') },
  });
  const saml = new cognito.UserPoolIdentityProviderSaml(stack, 'Saml', {
    userPool: pool,
    name: 'CorpSaml',
    metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://idp.corp.example.com/saml/metadata'),
    attributeMapping: { email: cognito.ProviderAttribute.other('http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress') },
  });
  const web = pool.addClient('Web', {
    userPoolClientName: 'web',
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE, cognito.OAuthScope.COGNITO_ADMIN],
      callbackUrls: options.callbackUrls ?? [CALLBACK_URL],
      logoutUrls: options.logoutUrls ?? [LOGOUT_URL],
    },
    supportedIdentityProviders: [
      cognito.UserPoolClientIdentityProvider.COGNITO,
      cognito.UserPoolClientIdentityProvider.GOOGLE,
      cognito.UserPoolClientIdentityProvider.custom('CorpIdP'),
      cognito.UserPoolClientIdentityProvider.custom('CorpSaml'),
    ],
  });
  web.node.addDependency(google, oidc, saml);
  // A server-side app: the same code grant, with a client secret.
  const server = pool.addClient('Server', {
    userPoolClientName: 'server',
    generateSecret: true,
    oAuth: {
      flows: { authorizationCodeGrant: true, implicitCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
      callbackUrls: [CALLBACK_URL],
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO, cognito.UserPoolClientIdentityProvider.GOOGLE],
  });
  server.node.addDependency(google);
  pool.addClient('M2M', {
    userPoolClientName: 'm2m',
    generateSecret: true,
    oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(api, read)] },
  });
  new cognito.CfnManagedLoginBranding(stack, 'Branding', {
    userPoolId: pool.userPoolId,
    clientId: web.userPoolClientId,
    useCognitoProvidedValues: true,
  });
  void domain;
  extra?.(stack, pool);
  return Template.fromStack(stack).toJSON();
}
