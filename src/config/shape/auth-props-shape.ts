/**
 * The one run-time description of `AuthProps`. Every prop of every struct is here, because
 * `Fields<T>` does not compile without it; `test/construct/props-shape.test.ts` checks it against the
 * jsii assembly. A new prop is one line here next to its TSDoc in types.ts (a built-in trigger's
 * config lives in its descriptor and arrives through `builtInTriggerShapes()`).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import {
  CLIENT_OAUTH_SHAPE, DOMAIN_SHAPE, EXTERNAL_PROVIDERS_SHAPE, REFRESH_TOKEN_ROTATION_SHAPE, RESOURCE_SERVERS_SHAPE,
} from './front-door-shape';
import { LOG_DELIVERY_SHAPE, MONITORING_SHAPE, WAF_SHAPE } from './operations-shape';
import {
  arrayOf, boolean, construct, duration, enumOf, mapOf, number, required, string, struct, withMethod,
} from './shape';
import { cdk } from '../../lazy';
import { builtInTriggerShapes } from '../../triggers/built-ins';
import {
  AppClientConfig, AuthProps, EmailLogin, EmailMfa, GroupConfig, IdentityPoolConfig, InvitationMessages, LoginWith, MfaMode,
  MultifactorConfig, NamedAppClientConfig, PasswordlessConfig, PhoneLogin, PreTokenGenerationVersion, SendersConfig, SesEmailSender,
  SmsMfa, SmsSenderRole,
  TriggersConfig, VerificationEmailStyle,
} from '../types';

const OURS = '@cdk-mfa/auth';
const COGNITO = 'aws-cdk-lib.aws_cognito';

const fn = () => construct<lambda.IFunction>('lambda.IFunction', 'aws-cdk-lib.aws_lambda.IFunction', 'functionArn');
const role = () => construct<iam.IRole>('iam.IRole', 'aws-cdk-lib.aws_iam.IRole', 'roleArn');

const loginWith = struct<LoginWith>('LoginWith', `${OURS}.LoginWith`, {
  email: struct<EmailLogin>('EmailLogin', `${OURS}.EmailLogin`, {
    verificationEmailStyle: enumOf<VerificationEmailStyle>('VerificationEmailStyle', `${OURS}.VerificationEmailStyle`, VerificationEmailStyle,
      { CONFIRM_WITH_CODE: VerificationEmailStyle.CODE, CONFIRM_WITH_LINK: VerificationEmailStyle.LINK }),
    verificationEmailSubject: string(),
    verificationEmailBody: string(),
    userInvitation: struct<InvitationMessages>('InvitationMessages', `${OURS}.InvitationMessages`, {
      emailSubject: string(),
      emailBody: string(),
      smsMessage: string(),
    }),
  }),
  phone: struct<PhoneLogin>('PhoneLogin', `${OURS}.PhoneLogin`, { verificationMessage: string() }),
  externalProviders: EXTERNAL_PROVIDERS_SHAPE,
});

const multifactor = struct<MultifactorConfig>('MultifactorConfig', `${OURS}.MultifactorConfig`, {
  // CloudFormation and the Cognito API call REQUIRED "ON".
  mode: required(enumOf<MfaMode>('MfaMode', `${OURS}.MfaMode`, MfaMode, { ON: MfaMode.REQUIRED })),
  totp: boolean(),
  sms: struct<SmsMfa>('SmsMfa', `${OURS}.SmsMfa`, { message: string() }),
  email: struct<EmailMfa>('EmailMfa', `${OURS}.EmailMfa`, { subject: string(), message: string() }),
});

const senders = struct<SendersConfig>('SendersConfig', `${OURS}.SendersConfig`, {
  email: struct<SesEmailSender>('SesEmailSender', `${OURS}.SesEmailSender`, {
    fromEmail: required(string()),
    fromName: string(),
    replyTo: string(),
    configurationSet: string(),
    sesRegion: string(),
    sesVerifiedDomain: string(),
  }),
  smsRole: struct<SmsSenderRole>('SmsSenderRole', `${OURS}.SmsSenderRole`, { role: required(role()), externalId: required(string()) }),
  snsRegion: string(),
  customEmailSender: fn(),
  customSmsSender: fn(),
  kmsKey: construct<kms.IKey>('kms.IKey', 'aws-cdk-lib.aws_kms.IKey', 'keyArn'),
});

const standardAttribute = () => struct<cognito.StandardAttribute>('cognito.StandardAttribute', `${COGNITO}.StandardAttribute`, {
  mutable: boolean(),
  required: boolean(),
});

const userAttributes = struct<cognito.StandardAttributes>('cognito.StandardAttributes', `${COGNITO}.StandardAttributes`, {
  address: standardAttribute(),
  birthdate: standardAttribute(),
  email: standardAttribute(),
  familyName: standardAttribute(),
  gender: standardAttribute(),
  givenName: standardAttribute(),
  locale: standardAttribute(),
  middleName: standardAttribute(),
  fullname: standardAttribute(),
  nickname: standardAttribute(),
  phoneNumber: standardAttribute(),
  profilePicture: standardAttribute(),
  preferredUsername: standardAttribute(),
  profilePage: standardAttribute(),
  timezone: standardAttribute(),
  lastUpdateTime: standardAttribute(),
  website: standardAttribute(),
});

const clientFields = {
  authFlows: struct<cognito.AuthFlow>('cognito.AuthFlow', `${COGNITO}.AuthFlow`, {
    adminUserPassword: boolean(),
    custom: boolean(),
    userPassword: boolean(),
    userSrp: boolean(),
    user: boolean(),
  }),
  accessTokenValidity: duration(),
  idTokenValidity: duration(),
  refreshTokenValidity: duration(),
  oauth: CLIENT_OAUTH_SHAPE,
  readAttributes: arrayOf(string()),
  writeAttributes: arrayOf(string()),
  refreshTokenRotation: REFRESH_TOKEN_ROTATION_SHAPE,
};

const client = struct<AppClientConfig>('AppClientConfig', `${OURS}.AppClientConfig`, clientFields);

const appClients = arrayOf(struct<NamedAppClientConfig>('NamedAppClientConfig', `${OURS}.NamedAppClientConfig`, {
  ...clientFields,
  name: required(string()),
  generateSecret: boolean(),
}));

const triggers = struct<TriggersConfig>('TriggersConfig', `${OURS}.TriggersConfig`, {
  preSignUp: fn(),
  postConfirmation: fn(),
  preAuthentication: fn(),
  postAuthentication: fn(),
  customMessage: fn(),
  preTokenGeneration: fn(),
  preTokenGenerationVersion: enumOf<PreTokenGenerationVersion>('PreTokenGenerationVersion', `${OURS}.PreTokenGenerationVersion`, PreTokenGenerationVersion),
  defineAuthChallenge: fn(),
  createAuthChallenge: fn(),
  verifyAuthChallengeResponse: fn(),
  userMigration: fn(),
  inboundFederation: fn(),
  ...builtInTriggerShapes(),
  // Read when a config sets it: reading logs.RetentionDays loads aws-logs (lazy.ts).
  builtInLogRetention: enumOf<logs.RetentionDays>('logs.RetentionDays', 'aws-cdk-lib.aws_logs.RetentionDays', () => cdk.logs().RetentionDays),
});

export const AUTH_PROPS_SHAPE = struct<AuthProps>('AuthProps', `${OURS}.AuthProps`, {
  loginWith: required(loginWith),
  multifactor,
  deviceTracking: struct<cognito.DeviceTracking>('cognito.DeviceTracking', `${COGNITO}.DeviceTracking`, {
    challengeRequiredOnNewDevice: required(boolean()),
    deviceOnlyRememberedOnUserPrompt: required(boolean()),
  }),
  senders,
  passwordPolicy: struct<cognito.PasswordPolicy>('cognito.PasswordPolicy', `${COGNITO}.PasswordPolicy`, {
    tempPasswordValidity: duration(),
    minLength: number(),
    requireLowercase: boolean(),
    requireUppercase: boolean(),
    requireDigits: boolean(),
    requireSymbols: boolean(),
    passwordHistorySize: number(),
  }),
  featurePlan: enumOf<cognito.FeaturePlan>('cognito.FeaturePlan', `${COGNITO}.FeaturePlan`, cognito.FeaturePlan),
  accountRecovery: enumOf<cognito.AccountRecovery>('cognito.AccountRecovery', `${COGNITO}.AccountRecovery`, cognito.AccountRecovery),
  userAttributes,
  customAttributes: mapOf(withMethod<cognito.ICustomAttribute>('cognito.ICustomAttribute', `${COGNITO}.ICustomAttribute`, 'bind')),
  groups: arrayOf(struct<GroupConfig>('GroupConfig', `${OURS}.GroupConfig`, {
    name: required(string()),
    precedence: number(),
    description: string(),
    role: role(),
  })),
  selfSignUp: boolean(),
  identityPool: struct<IdentityPoolConfig>('IdentityPoolConfig', `${OURS}.IdentityPoolConfig`, { allowUnauthenticated: boolean() }),
  threatProtection: enumOf<cognito.StandardThreatProtectionMode>('cognito.StandardThreatProtectionMode', `${COGNITO}.StandardThreatProtectionMode`,
    cognito.StandardThreatProtectionMode),
  client,
  appClients,
  resourceServers: RESOURCE_SERVERS_SHAPE,
  domain: DOMAIN_SHAPE,
  passwordless: struct<PasswordlessConfig>('PasswordlessConfig', `${OURS}.PasswordlessConfig`, {
    emailOtp: boolean(),
    smsOtp: boolean(),
    passkey: boolean(),
    passkeyRelyingPartyId: string(),
    passkeyUserVerification: enumOf<cognito.PasskeyUserVerification>('cognito.PasskeyUserVerification', `${COGNITO}.PasskeyUserVerification`,
      cognito.PasskeyUserVerification),
  }),
  triggers,
  signInCaseSensitive: boolean(),
  userPoolName: string(),
  removalPolicy: enumOf<RemovalPolicy>('RemovalPolicy', 'aws-cdk-lib.RemovalPolicy', RemovalPolicy),
  deletionProtection: boolean(),
  outputs: boolean(),
  monitoring: MONITORING_SHAPE,
  logDelivery: LOG_DELIVERY_SHAPE,
  waf: WAF_SHAPE,
});
