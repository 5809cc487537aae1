/**
 * The Auth configs the integ cases deploy, in one place so the cdk-nag tests check exactly these.
 * Every case is deletable (a real-account run must clean up) and lets the admin flow sign in.
 */
import * as path from 'path';
import { Aws, RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import { AuthProps, BrandingAssetCategory, BrandingColorMode, MfaMode, Placeholders } from '../../src';

/** What every integ case adds: deletable pool, and ADMIN_USER_PASSWORD_AUTH for the assertion steps. */
function integ(props: AuthProps): AuthProps {
  return {
    ...props,
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    client: { ...props.client, authFlows: { userSrp: true, adminUserPassword: true } },
  };
}

/** SES needs a verified identity for a real deploy; override it there (the snapshot uses the default). */
export const SES_FROM_EMAIL = process.env.INTEG_SES_FROM_EMAIL ?? 'noreply@example.com';

/**
 * The front door case needs, for a real deploy: a domain prefix free in the region, and a Secrets
 * Manager secret holding the OIDC client secret (its value need not be valid: nobody signs in
 * through the provider in the assertions). Override both there; the snapshot uses the defaults.
 */
export const FRONT_DOOR = {
  domainPrefix: process.env.INTEG_DOMAIN_PREFIX ?? 'cdk-mfa-auth-integ-front-door',
  oidcSecretId: process.env.INTEG_OIDC_SECRET_ID ?? 'cdk-mfa-auth/integ/oidc-client-secret',
  callbackUrl: 'https://app.example.com/',
  oidcName: 'IntegOidc',
  machineClient: 'integ-export',
  apiScope: 'integ-api/orders.read',
};

export const INTEG_CASES = {
  /** Default config: TOTP required. */
  totpRequired: integ({ loginWith: { email: {} } }),

  /** Phone sign-in, SMS + TOTP optional, custom SMS MFA text. */
  smsTotpOptional: integ({
    loginWith: { phone: {} },
    multifactor: { mode: MfaMode.OPTIONAL, totp: true, sms: { message: `Your code: ${Placeholders.CODE}` } },
  }),

  /** Email codes as a second factor through SES. */
  emailMfa: integ({
    loginWith: { email: {} },
    // The integ stacks are region-agnostic, so the L2 cannot default sesRegion to the stack's region.
    senders: { email: { fromEmail: SES_FROM_EMAIL, sesRegion: Aws.REGION } },
    multifactor: {
      mode: MfaMode.REQUIRED,
      totp: true,
      email: { subject: 'Your sign-in code', message: `Your sign-in code is ${Placeholders.CODE}` },
    },
  }),

  /** Remembered devices. */
  deviceTracking: integ({
    loginWith: { email: {} },
    deviceTracking: { challengeRequiredOnNewDevice: true, deviceOnlyRememberedOnUserPrompt: false },
  }),

  /** Built-in triggers: MFA by group (pre token generation) and the sign-up guard (pre sign-up). */
  builtInTriggers: integ({
    loginWith: { email: {} },
    multifactor: { mode: MfaMode.OPTIONAL, totp: true },
    groups: [{ name: 'admins' }],
    triggers: {
      mfaByGroup: { groups: ['admins'] },
      signUpGuard: { deniedEmailDomains: ['example.org'] },
    },
  }),

  /**
   * The front door: a Cognito prefix domain with managed login v2 and a branding style with a logo,
   * an external OIDC provider (Google's issuer, so discovery works), the public web client signing
   * in through them (code grant with PKCE), and a confidential machine-to-machine client.
   */
  frontDoor: integ({
    loginWith: {
      email: {},
      externalProviders: {
        oidc: [{
          name: FRONT_DOOR.oidcName,
          clientId: 'integ-client.apps.googleusercontent.com',
          clientSecret: SecretValue.secretsManager(FRONT_DOOR.oidcSecretId),
          issuerUrl: 'https://accounts.google.com',
        }],
      },
    },
    domain: {
      cognitoPrefix: FRONT_DOOR.domainPrefix,
      branding: {
        settings: { components: { pageBackground: { lightMode: { color: 'f5f5f5ff' } } } },
        assets: [{ category: BrandingAssetCategory.PAGE_HEADER_LOGO, colorMode: BrandingColorMode.DYNAMIC, file: path.join(__dirname, 'logo.svg') }],
      },
    },
    client: { oauth: { callbackUrls: [FRONT_DOOR.callbackUrl], logoutUrls: [FRONT_DOOR.callbackUrl] } },
    resourceServers: [{ identifier: 'integ-api', scopes: [{ name: 'orders.read', description: 'Read orders' }] }],
    appClients: [{ name: FRONT_DOOR.machineClient, generateSecret: true, oauth: { clientCredentials: true, scopes: [FRONT_DOOR.apiScope] } }],
  }),
} satisfies Record<string, AuthProps>;

export type IntegCaseName = keyof typeof INTEG_CASES;
