/**
 * The config after `resolveAuthConfig`: every default applied once, nothing optional that has a
 * default, and the derived facts the rules and mappers share. Optional fields left here mean "not
 * configured" (no SES sender, no identity pool) or "Cognito's own default" (message texts we do not
 * override), never "apply a default later".
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Finding } from './findings';
import type {
  ResolvedClientAccess, ResolvedDomain, ResolvedProvider, ResolvedResourceServer,
} from './resolved-front-door';
import type { ResolvedOperations } from './resolved-operations';
import {
  AuthProps, EmailLogin, GroupConfig, MfaMode, PhoneLogin, PreTokenGenerationVersion, SendersConfig, VerificationEmailStyle,
} from './types';
import type { ActiveBuiltInTrigger } from '../triggers/built-in-trigger';

export interface ResolvedEmailLogin extends EmailLogin {
  readonly verificationEmailStyle: VerificationEmailStyle;
}

export interface ResolvedLoginWith {
  /** Present when users sign in with an email address. */
  readonly email?: ResolvedEmailLogin;
  /** Present when users sign in with a phone number. */
  readonly phone?: PhoneLogin;
}

/** Which second factors are on; all false when the mode is OFF. */
export interface ResolvedMultifactor {
  readonly mode: MfaMode;
  readonly totp: boolean;
  readonly sms: boolean;
  readonly email: boolean;
  /** The SMS MFA text; undefined keeps Cognito's. */
  readonly smsMessage?: string;
  readonly emailSubject?: string;
  readonly emailMessage?: string;
}

export interface ResolvedPasswordPolicy {
  readonly minLength: number;
  readonly requireLowercase: boolean;
  readonly requireUppercase: boolean;
  readonly requireDigits: boolean;
  readonly requireSymbols: boolean;
  readonly tempPasswordValidity: Duration;
  /** Undefined on the Lite plan unless the user set it (then the rules refuse it). */
  readonly passwordHistorySize?: number;
}

export interface ResolvedClient extends ResolvedClientAccess {
  readonly authFlows: cognito.AuthFlow;
  readonly accessTokenValidity: Duration;
  readonly idTokenValidity: Duration;
  readonly refreshTokenValidity: Duration;
}

/** A further app client. */
export interface ResolvedNamedClient extends ResolvedClient {
  readonly name: string;
  /** `appClients[i]`, for messages. */
  readonly path: string;
  readonly generateSecret: boolean;
}

export interface ResolvedPasswordless {
  readonly emailOtp: boolean;
  readonly smsOtp: boolean;
  readonly passkey: boolean;
  /** The passkey settings, when `passkey` is on. */
  readonly webAuthn?: ResolvedWebAuthn;
  /** Whether any passwordless first factor is on. */
  readonly enabled: boolean;
}

export interface ResolvedWebAuthn {
  /** As given; undefined means the pool's domain (the mapper writes it out when it is literal). */
  readonly relyingPartyId?: string;
  readonly userVerification: cognito.PasskeyUserVerification;
}

/** User trigger slots: the keys of `triggers` that take your own function. */
export type UserTriggerSlot =
  | 'preSignUp' | 'postConfirmation' | 'preAuthentication' | 'postAuthentication' | 'customMessage' | 'preTokenGeneration'
  | 'defineAuthChallenge' | 'createAuthChallenge' | 'verifyAuthChallengeResponse' | 'userMigration' | 'inboundFederation';

export interface ResolvedTriggers {
  /** Your functions, by slot. */
  readonly functions: { readonly [slot in UserTriggerSlot]?: lambda.IFunction };
  readonly preTokenGenerationVersion: PreTokenGenerationVersion;
  /** The configured built-in triggers, in the order of the one list. */
  readonly builtIns: readonly ActiveBuiltInTrigger[];
  readonly builtInLogRetention: logs.RetentionDays;
}

/** Everything but the triggers, which resolve last because built-in triggers read the rest. */
export interface ResolvedPool {
  /** The props exactly as the user wrote them, for rules about what was set explicitly. */
  readonly raw: AuthProps;
  readonly loginWith: ResolvedLoginWith;
  readonly multifactor: ResolvedMultifactor;
  readonly deviceTracking?: cognito.DeviceTracking;
  readonly senders: SendersConfig;
  readonly passwordPolicy: ResolvedPasswordPolicy;
  readonly featurePlan: cognito.FeaturePlan;
  readonly accountRecovery: cognito.AccountRecovery;
  readonly userAttributes?: cognito.StandardAttributes;
  readonly customAttributes?: { readonly [name: string]: cognito.ICustomAttribute };
  readonly groups: readonly GroupConfig[];
  readonly selfSignUp: boolean;
  readonly identityPool?: { readonly allowUnauthenticated: boolean };
  readonly threatProtection?: cognito.StandardThreatProtectionMode;
  readonly client: ResolvedClient;
  readonly appClients: readonly ResolvedNamedClient[];
  readonly resourceServers: readonly ResolvedResourceServer[];
  /** The external identity providers, in config order (social ones first). */
  readonly externalProviders: readonly ResolvedProvider[];
  /** The user pool domain (prefix or custom), for the mappers and the passkey relying party rules. */
  readonly domain?: ResolvedDomain;
  readonly passwordless: ResolvedPasswordless;
  readonly signInCaseSensitive: boolean;
  readonly userPoolName?: string;
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  readonly outputs: boolean;
  /** Users can hold a phone number Cognito can verify and text. */
  readonly collectsPhoneNumber: boolean;
  /** Users can hold an email address. */
  readonly collectsEmail: boolean;
  /**
   * Something sends SMS, so an SMS role is needed: SMS MFA, phone sign-in or verification,
   * passwordless SMS codes, or SMS invitations.
   */
  readonly sendsSms: boolean;
  /** Monitoring, log delivery and WAF. */
  readonly operations: ResolvedOperations;
}

export interface ResolvedAuthConfig extends ResolvedPool {
  readonly triggers: ResolvedTriggers;
}

/** A rule on the resolved config: pure, returns what it finds. */
export type Rule = (config: ResolvedAuthConfig) => Finding[];
