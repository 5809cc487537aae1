/** Front-door configs shared by the snapshot, cdk-nag and client-config tests. */
import * as path from 'path';
import { Duration, SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { AuthProps, BrandingAssetCategory, BrandingColorMode, MfaMode } from '../../src';

export const LOGO = path.join(__dirname, 'fixtures', 'logo.svg');

/** Google and an OIDC provider through managed login v2 with a branding style and a logo; MFA required. */
export const SOCIAL_AND_OIDC: AuthProps = {
  loginWith: {
    email: {},
    externalProviders: {
      google: { clientId: 'google-client-id.apps.googleusercontent.com', clientSecret: SecretValue.secretsManager('app/google', { jsonField: 'clientSecret' }) },
      oidc: [{
        name: 'Corporate',
        clientId: 'corporate-client',
        clientSecret: SecretValue.secretsManager('app/corporate-oidc'),
        issuerUrl: 'https://login.example.com',
        identifiers: ['example.com'],
        attributeMapping: { email: cognito.ProviderAttribute.other('email'), givenName: cognito.ProviderAttribute.other('given_name') },
      }],
    },
  },
  multifactor: { mode: MfaMode.REQUIRED, totp: true },
  domain: {
    cognitoPrefix: 'example-app',
    branding: {
      settings: { components: { pageBackground: { lightMode: { color: 'f5f5f5ff' } } } },
      assets: [{ category: BrandingAssetCategory.PAGE_HEADER_LOGO, colorMode: BrandingColorMode.DYNAMIC, file: LOGO }],
    },
  },
  client: {
    oauth: {
      callbackUrls: ['https://app.example.com/', 'http://localhost:5173/'],
      logoutUrls: ['https://app.example.com/signed-out'],
    },
  },
};

/** A machine-to-machine client with a resource server, beside the public web client. */
export const MACHINE_TO_MACHINE: AuthProps = {
  loginWith: { email: {} },
  domain: { cognitoPrefix: 'example-api' },
  resourceServers: [{
    identifier: 'https://api.example.com',
    name: 'Orders API',
    scopes: [{ name: 'orders.read', description: 'Read orders' }, { name: 'orders.write', description: 'Create and change orders' }],
  }],
  appClients: [{
    name: 'nightly-export',
    generateSecret: true,
    accessTokenValidity: Duration.minutes(15),
    oauth: { clientCredentials: true, scopes: ['https://api.example.com/orders.read'] },
  }],
};
