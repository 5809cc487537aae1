import * as path from 'path';
import { App, SecretValue, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Auth, BrandingAssetCategory, BrandingColorMode } from '../src';
const app = new App();
const stack = new Stack(app, 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
const auth = new Auth(stack, 'Auth', {
  loginWith: {
    email: {},
    externalProviders: {
      google: { clientId: 'g-id', clientSecret: SecretValue.secretsManager('google-oauth', { jsonField: 'secret' }) },
      oidc: [{ name: 'Corp', clientId: 'c', clientSecret: SecretValue.secretsManager('corp'), issuerUrl: 'https://login.example.com' }],
    },
  },
  domain: { cognitoPrefix: 'my-app', branding: { settings: { components: {} }, assets: [{ category: BrandingAssetCategory.PAGE_HEADER_LOGO, colorMode: BrandingColorMode.LIGHT, file: path.join(__dirname, 'logo.svg') }] } },
  client: { oauth: { callbackUrls: ['https://app.example.com/', 'http://localhost:3000/'], logoutUrls: ['https://app.example.com/'] } },
  resourceServers: [{ identifier: 'api', scopes: [{ name: 'read', description: 'Read' }] }],
  appClients: [{ name: 'reports', generateSecret: true, oauth: { clientCredentials: true, scopes: ['api/read'] } }],
});
void acm; void cognito;
console.log(JSON.stringify(app.synth().getStackByName('S').template, null, 1).slice(0, 12000));
console.log(auth.domainName);
