/**
 * The TypeScript twin of the Python, Java and Go apps beside it (scripts/polyglot.ts): the same three
 * configurations in the same three stacks, from the compiled package (lib/) the other languages embed.
 * Their templates must equal this one's. Then it prints the construct's message for a config it refuses,
 * as the other apps do.
 */
import { App, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Auth, ManagedLoginVersion, MfaMode, VerificationEmailStyle } from '../../lib';

const ENV = { account: '123456789012', region: 'us-east-1' };
const app = new App();

// (a) Email sign-in, MFA required with TOTP and SMS, remembered devices.
new Auth(new Stack(app, 'EmailMfa', { env: ENV }), 'Auth', {
  loginWith: {
    email: { verificationEmailStyle: VerificationEmailStyle.CODE, verificationEmailSubject: 'Confirm your account' },
  },
  userAttributes: { phoneNumber: { required: false, mutable: true } },
  multifactor: { mode: MfaMode.REQUIRED, totp: true, sms: { message: 'Your sign-in code is {####}' } },
  deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: true },
  client: { accessTokenValidity: Duration.minutes(30), idTokenValidity: Duration.minutes(30), refreshTokenValidity: Duration.days(7) },
  groups: [{ name: 'admins', precedence: 0, description: 'Operators' }],
});

// (b) Social sign-in through managed login, and a machine-to-machine client.
new Auth(new Stack(app, 'SocialM2m', { env: ENV }), 'Auth', {
  loginWith: {
    email: {},
    externalProviders: {
      google: {
        clientId: 'google-client-id.apps.googleusercontent.com',
        clientSecret: SecretValue.secretsManager('app/google', { jsonField: 'clientSecret' }),
        scopes: ['openid', 'email', 'profile'],
      },
    },
  },
  multifactor: { mode: MfaMode.OPTIONAL, totp: true },
  domain: { cognitoPrefix: 'polyglot-social', managedLoginVersion: ManagedLoginVersion.MANAGED_LOGIN },
  client: {
    oauth: { callbackUrls: ['https://app.example.com/'], logoutUrls: ['https://app.example.com/signed-out'] },
    refreshTokenRotation: { retryGracePeriod: Duration.seconds(30) },
  },
  resourceServers: [{
    identifier: 'https://api.example.com',
    name: 'Orders API',
    scopes: [{ name: 'orders.read', description: 'Read orders' }],
  }],
  appClients: [{
    name: 'nightly-export',
    generateSecret: true,
    accessTokenValidity: Duration.minutes(15),
    oauth: { clientCredentials: true, scopes: ['https://api.example.com/orders.read'] },
  }],
});

// (c) Passkeys as a first factor on a custom domain.
const passkeyStack = new Stack(app, 'PasskeyDomain', { env: ENV });
new Auth(passkeyStack, 'Auth', {
  loginWith: { email: {} },
  multifactor: { mode: MfaMode.OPTIONAL, totp: true },
  featurePlan: cognito.FeaturePlan.ESSENTIALS,
  domain: {
    customDomain: {
      domainName: 'auth.example.com',
      certificate: acm.Certificate.fromCertificateArn(passkeyStack, 'Certificate', 'arn:aws:acm:us-east-1:123456789012:certificate/polyglot'),
    },
  },
  passwordless: { passkey: true, emailOtp: true, passkeyUserVerification: cognito.PasskeyUserVerification.REQUIRED },
});
app.synth();

// A config the construct refuses (SMS MFA message without the code placeholder), in an app of its own that
// is never synthesized: the error names the property.
try {
  new Auth(new Stack(new App({ autoSynth: false }), 'Refused', { env: ENV }), 'Auth', {
    loginWith: { email: {} },
    userAttributes: { phoneNumber: { required: false, mutable: true } },
    multifactor: { mode: MfaMode.REQUIRED, totp: true, sms: { message: 'Your sign-in code' } },
  });
  console.log('not refused');
} catch (e) {
  console.log(`caught: ${(e as Error).message}`);
}
