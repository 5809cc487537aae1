/**
 * The Auth configs the integ cases deploy, in one place so the cdk-nag tests check exactly these.
 * Every case is deletable (a real-account run must clean up) and lets the admin flow sign in.
 */
import * as path from 'path';
import { Aws, RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
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

  /**
   * Operations: alarms (to a topic) and a dashboard, notification errors and authentication events
   * exported to CloudWatch Logs, and a created WAF web ACL. Plus with threat protection in audit
   * mode, so the risk alarms and the auth-event log exist; the sign-up guard gives trigger alarms.
   */
  operations: (scope: Construct) => integ({
    loginWith: { email: {} },
    featurePlan: cognito.FeaturePlan.PLUS,
    threatProtection: cognito.StandardThreatProtectionMode.AUDIT_ONLY,
    triggers: { signUpGuard: { deniedEmailDomains: ['example.org'] } },
    monitoring: { alarmTopic: alarmTopic(scope), dashboard: true },
    logDelivery: { userNotifications: {}, userAuthEvents: {} },
    waf: { rateLimitPer5Minutes: 500 },
  }),
} satisfies Record<string, AuthProps | ((scope: Construct) => AuthProps)>;

export type IntegCaseName = keyof typeof INTEG_CASES;

/** A case's props; a case that needs constructs of its own (a topic) creates them in `scope`. */
export function integProps(name: IntegCaseName, scope: Construct): AuthProps {
  const integCase: AuthProps | ((scope: Construct) => AuthProps) = INTEG_CASES[name];
  return typeof integCase === 'function' ? integCase(scope) : integCase;
}

/**
 * The alarm topic a team would bring: encrypted with its own key (CloudWatch cannot publish to a
 * topic under the AWS managed SNS key), TLS only.
 */
function alarmTopic(scope: Construct): sns.ITopic {
  const key = new kms.Key(scope, 'AlarmTopicKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY, description: 'Encrypts the auth alarm topic' });
  key.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
  }));
  return new sns.Topic(scope, 'AlarmTopic', { masterKey: key, enforceSSL: true });
}
