import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import { MfaMode, PreTokenGenerationVersion, VerificationEmailStyle } from './types';

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
  accessTokenValidity: Duration.hours(1),
  idTokenValidity: Duration.hours(1),
  refreshTokenValidity: Duration.days(30),
  identityPoolAllowUnauthenticated: false,
  preTokenGenerationVersion: PreTokenGenerationVersion.V1,
  builtInLogRetention: logs.RetentionDays.ONE_YEAR,
} as const;
