import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { MfaMode, PreTokenGenerationVersion, VerificationEmailStyle } from './types';
import { ManagedLoginVersion } from './types-hosted-ui';

/**
 * The one place for the pool's defaults, read only by `resolve.ts`. Every value here is documented as
 * an `@default` in types.ts. (A built-in trigger keeps its own defaults in its folder.)
 */
export const DEFAULTS = {
  multifactor: { mode: MfaMode.REQUIRED, totp: true },
  verificationEmailStyle: VerificationEmailStyle.CODE,
  featurePlan: cognito.FeaturePlan.ESSENTIALS,
  removalPolicy: RemovalPolicy.RETAIN,
  deletionProtection: true,
  selfSignUp: true,
  outputs: true,
  signInCaseSensitive: false,
  passwordPolicy: {
    minLength: 12,
    requireLowercase: true,
    requireUppercase: true,
    requireDigits: true,
    requireSymbols: true,
    tempPasswordValidity: Duration.days(3),
  },
  /** Not allowed on the Lite plan, so added only on Essentials and Plus. */
  passwordHistorySize: 5,
  authFlows: { userSrp: true } as cognito.AuthFlow,
  /** A client-credentials client signs no user in: only the (unused) refresh flow the L2 always adds. */
  machineToMachineAuthFlows: { userSrp: false } as cognito.AuthFlow,
  generateSecret: false,
  accessTokenValidity: Duration.hours(1),
  idTokenValidity: Duration.hours(1),
  refreshTokenValidity: Duration.days(30),
  identityPoolAllowUnauthenticated: false,
  preTokenGenerationVersion: PreTokenGenerationVersion.V1,
  /** logs.RetentionDays.ONE_YEAR, written as its value: reading the enum would load aws-logs for every pool (lazy.ts). */
  builtInLogRetention: 365 as logs.RetentionDays,
  /** The front door: providers, domain, OAuth clients (resolve.ts hands them to resolve-front-door.ts). */
  frontDoor: {
    scopes: {
      google: ['openid', 'email', 'profile'],
      facebook: ['public_profile', 'email'],
      loginWithAmazon: ['profile'],
      signInWithApple: ['email', 'name'],
      oidc: ['openid', 'email'],
    },
    /**
     * Mappings used when a pool's users have an email address and the provider gives no mapping.
     * A getter: cognito.ProviderAttribute is in a file only a pool with external providers loads (lazy.ts).
     */
    get emailMappings() {
      const P = cognito.ProviderAttribute;
      return {
        google: { email: P.GOOGLE_EMAIL, emailVerified: P.GOOGLE_EMAIL_VERIFIED },
        facebook: { email: P.FACEBOOK_EMAIL },
        loginWithAmazon: { email: P.AMAZON_EMAIL },
        signInWithApple: { email: P.APPLE_EMAIL, emailVerified: P.APPLE_EMAIL_VERIFIED },
        oidc: { email: P.other('email') },
      } satisfies Record<string, cognito.AttributeMapping>;
    },
    managedLoginVersion: ManagedLoginVersion.MANAGED_LOGIN,
    /** aws.cognito.signin.user.admin lets the app manage the user's MFA and attributes with the access token. */
    userScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
    refreshTokenRetryGracePeriod: Duration.seconds(0),
  },
  /** Monitoring, log delivery and WAF (resolve.ts hands them to resolve-operations.ts). */
  operations: {
    dashboard: false,
    period: Duration.minutes(5),
    throttleThreshold: 1,
    quotaUtilizationPercent: 80,
    /** Cognito's default rates per category (requests per second), from its quotas page. */
    quotaRates: {
      userAuthentication: 120,
      userCreation: 50,
      userFederation: 25,
      userAccountRecovery: 30,
      userRead: 120,
      userUpdate: 25,
    },
    triggerErrorThreshold: 1,
    triggerDurationPercent: 80,
    highRiskThreshold: 1,
    /** logs.RetentionDays.ONE_YEAR, written as its value (lazy.ts). */
    logRetention: 365 as logs.RetentionDays,
    wafRateLimitPer5Minutes: 1000,
    wafCommonRuleSet: true,
    wafRequestLogging: true,
  },
} as const;

/** The operations defaults, as resolve.ts hands them to resolve-operations.ts. */
export type OperationsDefaults = typeof DEFAULTS.operations;

/** The front-door defaults, as resolve.ts hands them to resolve-front-door.ts. */
export type FrontDoorDefaults = typeof DEFAULTS.frontDoor;
