import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ClientOAuth, DomainConfig, RefreshTokenRotation, ResourceServerConfig } from './types-hosted-ui';
import { LogDeliveryConfig, MonitoringConfig, WafConfig } from './types-operations';
import { ExternalProviders } from './types-providers';

/**
 * Whether users must, may or cannot use a second factor.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
 */
export enum MfaMode {
  /** No second factor; users cannot set one up. */
  OFF = 'OFF',
  /** Users may set up a second factor; those who did are challenged at sign-in. */
  OPTIONAL = 'OPTIONAL',
  /** Every user must set up and use a second factor (CloudFormation `ON`). */
  REQUIRED = 'REQUIRED',
}

/**
 * How the verification email confirms an address.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-email-verification-message-customization.html
 */
export enum VerificationEmailStyle {
  /** The email carries a code ({@link Placeholders.CODE}) the user types in. */
  CODE = 'CODE',
  /** The email carries a link ({@link Placeholders.link}) the user clicks. */
  LINK = 'LINK',
}

/**
 * Messages sent to users an administrator creates (AdminCreateUser).
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_MessageTemplateType.html
 */
export interface InvitationMessages {
  /**
   * Subject of the invitation email.
   * @default "Your temporary password"
   */
  readonly emailSubject?: string;
  /**
   * Body of the invitation email. Must contain {@link Placeholders.USERNAME} and {@link Placeholders.CODE}
   * (the temporary password).
   * @default "Your username is {username} and temporary password is {####}."
   */
  readonly emailBody?: string;
  /**
   * Invitation text message. Must contain {@link Placeholders.USERNAME} and {@link Placeholders.CODE};
   * 6 to 140 characters.
   * @default "Your username is {username} and temporary password is {####}."
   */
  readonly smsMessage?: string;
}

/**
 * Sign-in with an email address. Present means enabled; every field is optional.
 */
export interface EmailLogin {
  /**
   * How the verification email confirms the address.
   * @default VerificationEmailStyle.CODE
   */
  readonly verificationEmailStyle?: VerificationEmailStyle;
  /**
   * Subject of the verification email (1 to 140 characters).
   * @default "Verify your new account"
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerificationMessageTemplateType.html
   */
  readonly verificationEmailSubject?: string;
  /**
   * Body of the verification email. Must contain {@link Placeholders.CODE} for the CODE style or a
   * {@link Placeholders.link} for the LINK style.
   * @default "The verification code to your new account is {####}" (CODE) or
   * "Verify your account by clicking on {##Verify Email##}" (LINK)
   */
  readonly verificationEmailBody?: string;
  /**
   * Messages for users created by an administrator.
   * @default Cognito's default invitation messages
   */
  readonly userInvitation?: InvitationMessages;
}

/**
 * Sign-in with a phone number. Present means enabled; every field is optional.
 */
export interface PhoneLogin {
  /**
   * Verification text message; must contain {@link Placeholders.CODE}, 6 to 140 characters.
   * @default "The verification code to your new account is {####}"
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerificationMessageTemplateType.html
   */
  readonly verificationMessage?: string;
}

/**
 * What users sign in with. At least one of `email` and `phone` is required.
 */
export interface LoginWith {
  /**
   * Sign in with an email address (it becomes the user name and is verified).
   * @default - no email sign-in
   */
  readonly email?: EmailLogin;
  /**
   * Sign in with a phone number (it becomes the user name and is verified by SMS).
   * @default - no phone sign-in
   */
  readonly phone?: PhoneLogin;
  /**
   * Sign in through Google, Facebook, Login with Amazon, Sign in with Apple, OIDC and SAML providers
   * (managed login). Needs `domain` and an app client with `oauth`.
   * @default - no external providers
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation.html
   */
  readonly externalProviders?: ExternalProviders;
}

/**
 * SMS text message codes as a second factor. Present means enabled.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html#CognitoUserPools-CreateUserPool-request-SmsAuthenticationMessage
 */
export interface SmsMfa {
  /**
   * The MFA text message; must contain {@link Placeholders.CODE}, 6 to 140 characters.
   * @default "Your authentication code is {####}."
   */
  readonly message?: string;
}

/**
 * Email codes as a second factor. Present means enabled. Needs an SES email sender and the
 * Essentials or Plus feature plan.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-email-message.html
 */
export interface EmailMfa {
  /**
   * Subject of the MFA email (1 to 140 characters).
   * @default Cognito's default subject
   */
  readonly subject?: string;
  /**
   * Body of the MFA email; must contain {@link Placeholders.CODE}, 6 to 20,000 characters.
   * @default Cognito's default message
   */
  readonly message?: string;
}

/**
 * Multi-factor authentication.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
 */
export interface MultifactorConfig {
  /** Whether a second factor is off, optional or required (CloudFormation's and Cognito's `ON` is `REQUIRED`). */
  readonly mode: MfaMode;
  /**
   * Authenticator apps (TOTP, RFC 6238) as a second factor.
   * @default true when mode is OPTIONAL or REQUIRED
   */
  readonly totp?: boolean;
  /**
   * SMS codes as a second factor.
   * @default - SMS MFA disabled
   */
  readonly sms?: SmsMfa;
  /**
   * Email codes as a second factor.
   * @default - email MFA disabled
   */
  readonly email?: EmailMfa;
}

/**
 * Send email through Amazon SES from your own verified identity.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-email.html
 */
export interface SesEmailSender {
  /** The verified SES From address, e.g. `noreply@example.com` (ASCII before the `@`). */
  readonly fromEmail: string;
  /**
   * The sender name shown to users. Cognito documents no limit; with the address it must fit the
   * 998-character From header line of RFC 5322, which is what is checked.
   * @default - the address only
   */
  readonly fromName?: string;
  /**
   * Reply-To address.
   * @default - no Reply-To
   */
  readonly replyTo?: string;
  /**
   * SES configuration set: 1 to 64 letters, digits, `_` and `-`.
   * @default - none
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_EmailConfigurationType.html
   */
  readonly configurationSet?: string;
  /**
   * Region of the SES identity.
   * @default - the stack's region
   */
  readonly sesRegion?: string;
  /**
   * Verified domain of the identity, when `fromEmail` is on a verified domain rather than a verified
   * address. Must be the domain of `fromEmail`, so it cannot be used when `fromEmail` is a token.
   * @default - the identity of the address itself
   */
  readonly sesVerifiedDomain?: string;
}

/**
 * Send SMS through a role you manage instead of the one this construct creates.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-sms-settings.html
 */
export interface SmsSenderRole {
  /** A role Cognito may assume to publish SMS through Amazon SNS. */
  readonly role: iam.IRole;
  /** The external ID the role's trust policy requires (`sts:ExternalId`). */
  readonly externalId: string;
}

/**
 * How Cognito sends email and SMS.
 */
export interface SendersConfig {
  /**
   * Send email through SES. Required for email MFA and for production volumes.
   * @default - Cognito's built-in email (50 emails a day, no email MFA)
   */
  readonly email?: SesEmailSender;
  /**
   * Bring your own SMS role.
   * @default - a least-privilege role is created when something sends SMS
   */
  readonly smsRole?: SmsSenderRole;
  /**
   * Region of Amazon SNS for SMS.
   * @default - the user pool's region
   */
  readonly snsRegion?: string;
  /**
   * A Lambda function that sends email instead of Cognito (custom email sender). Needs `kmsKey`.
   * @default - none
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sender-triggers.html
   */
  readonly customEmailSender?: lambda.IFunction;
  /**
   * A Lambda function that sends SMS instead of Cognito (custom SMS sender). Needs `kmsKey`.
   * @default - none
   */
  readonly customSmsSender?: lambda.IFunction;
  /**
   * The KMS key Cognito encrypts codes with for the custom senders.
   * @default - none; required with a custom sender
   */
  readonly kmsKey?: kms.IKey;
}

/**
 * A user group.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html
 */
export interface GroupConfig {
  /** Group name (1 to 128 characters, no whitespace). */
  readonly name: string;
  /**
   * Precedence when a user is in several groups (lower wins), a whole number from 0 to 2^31-1.
   * @default - no precedence
   */
  readonly precedence?: number;
  /**
   * Description, up to 2,048 characters.
   * @default - none
   */
  readonly description?: string;
  /**
   * An IAM role for members, used by the identity pool.
   * @default - none
   */
  readonly role?: iam.IRole;
}

/**
 * The identity pool that exchanges user pool tokens for AWS credentials.
 */
export interface IdentityPoolConfig {
  /**
   * Give guests (not signed in) AWS credentials.
   * @default false
   */
  readonly allowUnauthenticated?: boolean;
}

/**
 * The app client.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
 */
export interface AppClientConfig {
  /**
   * Allowed authentication flows. Refresh-token sign-in is always allowed.
   * @default { userSrp: true }, plus `user: true` (choice-based sign-in) when `passwordless` is set
   */
  readonly authFlows?: cognito.AuthFlow;
  /**
   * Access token lifetime (5 minutes to 1 day).
   * @default Duration.hours(1)
   */
  readonly accessTokenValidity?: Duration;
  /**
   * ID token lifetime (5 minutes to 1 day).
   * @default Duration.hours(1)
   */
  readonly idTokenValidity?: Duration;
  /**
   * Refresh token lifetime (60 minutes to 10 years).
   * @default Duration.days(30)
   */
  readonly refreshTokenValidity?: Duration;
  /**
   * OAuth 2.0: hosted sign-in through the `domain` (authorization code grant with PKCE), or client credentials.
   * @default - no OAuth (sign-in through the user pool API only)
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html
   */
  readonly oauth?: ClientOAuth;
  /**
   * Attributes the client may read (`email`, `email_verified`, `custom:tenant`, ...).
   * @default - every attribute
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-attribute-permissions-and-scopes
   */
  readonly readAttributes?: string[];
  /**
   * Attributes the client may write. Must include every attribute an external provider it offers maps.
   * @default - every writable attribute
   */
  readonly writeAttributes?: string[];
  /**
   * Refresh token rotation.
   * @default - off: a refresh token stays valid until it expires or is revoked
   */
  readonly refreshTokenRotation?: RefreshTokenRotation;
}

/**
 * A further app client, beside the default public one.
 */
export interface NamedAppClientConfig extends AppClientConfig {
  /** The client's name (1 to 128 characters, unique); it also names the client's logical ID, so keep it stable. */
  readonly name: string;
  /**
   * Give the client a secret (a confidential client: a server or a machine-to-machine job, never a browser or a mobile app).
   * @default false
   */
  readonly generateSecret?: boolean;
}

/**
 * Sign in without a password as the first factor (choice-based sign-in). Needs Essentials or Plus.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
 */
export interface PasswordlessConfig {
  /**
   * Email one-time codes as a first factor.
   * @default false
   */
  readonly emailOtp?: boolean;
  /**
   * SMS one-time codes as a first factor.
   * @default false
   */
  readonly smsOtp?: boolean;
  /**
   * Passkeys (WebAuthn) as a first factor.
   * @default false
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#amazon-cognito-user-pools-authentication-flow-methods-passkey
   */
  readonly passkey?: boolean;
  /**
   * The host name passkeys are bound to (the WebAuthn relying party ID).
   *
   * No scheme, port or path (CloudFormation `WebAuthnRelyingPartyID`, the L2's
   * `passkeyRelyingPartyId`, Amplify's `webAuthn.relyingPartyId`). With a domain it must be that domain: the prefix domain's `<prefix>.auth.<region>.amazoncognito.com`,
   * or the custom domain (or a registrable parent of it, as WebAuthn allows). Without a domain it is
   * your app's own host name, and then it is required. Only with `passkey: true`.
   * @default the pool's domain (`domain.cognitoPrefix` or `domain.customDomain`); required without a domain
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html
   * @see https://www.w3.org/TR/webauthn-3/#relying-party-identifier
   */
  readonly passkeyRelyingPartyId?: string;
  /**
   * Whether passkeys must verify the user (PIN or biometrics) at registration and sign-in.
   *
   * CloudFormation `WebAuthnUserVerification`; `REQUIRED` refuses authenticators that cannot.
   * Only with `passkey: true`.
   * @default cognito.PasskeyUserVerification.PREFERRED (Cognito's default)
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_WebAuthnConfigurationType.html
   */
  readonly passkeyUserVerification?: cognito.PasskeyUserVerification;
}

/**
 * Built-in trigger: require MFA for members of privileged groups while the pool stays OPTIONAL.
 */
export interface MfaByGroupConfig {
  /** Groups whose membership is withheld from tokens until the user has a second factor. */
  readonly groups: string[];
  /**
   * How long a user's MFA status is cached in the function's memory (0 to 1 hour, whole seconds).
   *
   * Each token issued (sign-in or refresh) to a member of `groups` costs one AdminGetUser call,
   * which counts against Cognito's UserRead quota (120 requests/s by default, per account and
   * Region), unless the same warm function instance saw that user with MFA within this time. Only
   * "has MFA" is cached (up to 1,000 users per instance), so members without MFA are looked up on
   * every token. A longer TTL lowers the call rate; a removed MFA method is noticed up to one TTL
   * late. With `monitoring` on, the UserRead quota alarm watches this rate.
   * @default Duration.seconds(60)
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html
   */
  readonly cacheTtl?: Duration;
}

/**
 * Built-in trigger: rules checked before a user signs up.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html
 */
export interface SignUpGuardConfig {
  /**
   * Require a valid E.164 phone number at sign-up.
   * @default true when SMS is the only MFA method, else false
   */
  readonly requirePhoneNumber?: boolean;
  /**
   * Only these email domains (and their subdomains) may sign up.
   * @default - any domain
   */
  readonly allowedEmailDomains?: string[];
  /**
   * These email domains (and their subdomains) may not sign up; wins over the allow list.
   * @default - none
   */
  readonly deniedEmailDomains?: string[];
}

/**
 * Which Cognito message a custom template replaces.
 */
export enum MessageSource {
  /** Sign-up verification code. */
  SIGN_UP = 'SignUp',
  /** Resent sign-up code. */
  RESEND_CODE = 'ResendCode',
  /** Forgot-password code. */
  FORGOT_PASSWORD = 'ForgotPassword',
  /** MFA code (SMS or email). */
  AUTHENTICATION = 'Authentication',
  /** Code after an attribute update. */
  UPDATE_USER_ATTRIBUTE = 'UpdateUserAttribute',
  /** Code to verify an attribute. */
  VERIFY_USER_ATTRIBUTE = 'VerifyUserAttribute',
  /** Invitation of an admin-created user. */
  ADMIN_CREATE_USER = 'AdminCreateUser',
}

/**
 * One custom message template.
 */
export interface MessageTemplate {
  /** Which message it replaces. */
  readonly source: MessageSource;
  /**
   * Locale it applies to, e.g. `de` or `pt-BR`.
   * @default - the default locale
   */
  readonly locale?: string;
  /** The message (SMS and email body); must contain {@link Placeholders.CODE}. */
  readonly message: string;
  /**
   * Email subject.
   * @default - Cognito's subject
   */
  readonly subject?: string;
}

/**
 * Built-in trigger: per-message and per-locale templates.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html
 */
export interface CustomMessagesConfig {
  /** The templates. */
  readonly templates: MessageTemplate[];
  /**
   * The user attribute that holds the locale.
   * @default "locale"
   */
  readonly localeAttribute?: string;
  /**
   * The locale used when the user has none or it has no template.
   * @default "en"
   */
  readonly defaultLocale?: string;
}

/**
 * Version of the pre token generation event.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 */
export enum PreTokenGenerationVersion {
  /** V1: ID token claims and groups. */
  V1 = 'V1_0',
  /** V2: access token customization too (Essentials or Plus). */
  V2 = 'V2_0',
  /** V3: V2 plus machine-to-machine (Essentials or Plus). */
  V3 = 'V3_0',
}

/**
 * Lambda triggers: your functions, and built-in ones this library ships.
 * A built-in trigger takes the same Cognito slot as the matching function; giving both is an error.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
 */
export interface TriggersConfig {
  /** @default - none */
  readonly preSignUp?: lambda.IFunction;
  /** @default - none */
  readonly postConfirmation?: lambda.IFunction;
  /** @default - none */
  readonly preAuthentication?: lambda.IFunction;
  /** @default - none */
  readonly postAuthentication?: lambda.IFunction;
  /** @default - none */
  readonly customMessage?: lambda.IFunction;
  /** @default - none */
  readonly preTokenGeneration?: lambda.IFunction;
  /**
   * Event version for `preTokenGeneration`.
   * @default PreTokenGenerationVersion.V1
   */
  readonly preTokenGenerationVersion?: PreTokenGenerationVersion;
  /** @default - none */
  readonly defineAuthChallenge?: lambda.IFunction;
  /** @default - none */
  readonly createAuthChallenge?: lambda.IFunction;
  /** @default - none */
  readonly verifyAuthChallengeResponse?: lambda.IFunction;
  /** @default - none */
  readonly userMigration?: lambda.IFunction;
  /**
   * Inbound federation: runs when a user signs in through an external identity provider, before
   * Cognito creates or updates the federated user. It receives the provider's raw attributes
   * (`request.attributes`: `tokenResponse`, `idToken` and `userInfo` for OIDC and social providers,
   * `samlResponse` for SAML) and returns `response.userAttributesToMap`, the attributes Cognito then
   * maps with the provider's attribute mapping (an empty object keeps the provider's attributes
   * unchanged). Event version V1_0, the only one Cognito accepts for this trigger. aws-cdk-lib's
   * `UserPool` has no prop for it yet, so it is set as `LambdaConfig.InboundFederation` on the L1,
   * with the same invoke permission (principal cognito-idp, SourceArn this pool) the L2 gives the
   * other triggers.
   * @default - none
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-inbound-federation.html
   */
  readonly inboundFederation?: lambda.IFunction;
  /**
   * Built-in: withhold privileged groups from the ID and access tokens until the user has MFA
   * (pre token generation, V2 event: needs the Essentials or Plus feature plan).
   * @default - not used
   */
  readonly mfaByGroup?: MfaByGroupConfig;
  /**
   * Built-in: sign-up rules (pre sign-up).
   * @default - not used
   */
  readonly signUpGuard?: SignUpGuardConfig;
  /**
   * Built-in: custom messages (custom message).
   * @default - not used
   */
  readonly customMessages?: CustomMessagesConfig;
  /**
   * How long the built-in trigger functions keep their logs. Each built-in function gets its own log
   * group (kept when the stack is deleted) and a role that may write to that log group and nothing else.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly builtInLogRetention?: logs.RetentionDays;
}

/**
 * Properties of {@link Auth}: one declarative config for the whole user pool.
 */
export interface AuthProps {
  /** What users sign in with. */
  readonly loginWith: LoginWith;
  /**
   * Multi-factor authentication.
   * @default { mode: MfaMode.REQUIRED, totp: true }
   */
  readonly multifactor?: MultifactorConfig;
  /**
   * Remembered devices. Needs SRP sign-in.
   * @default - no device tracking
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
   */
  readonly deviceTracking?: cognito.DeviceTracking;
  /**
   * How email and SMS are sent.
   * @default - Cognito email; a least-privilege SMS role when SMS is needed
   */
  readonly senders?: SendersConfig;
  /**
   * Password rules. Fields you leave out keep these defaults (Cognito would read a missing field as
   * "not required"); `minLength` and `passwordHistorySize` may be tokens (`Token.asNumber`).
   * @default minimum length 12, lower and upper case, digits and symbols, temporary passwords valid
   * 3 days, last 5 passwords not reusable (Essentials and Plus)
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/managing-users-passwords.html
   */
  readonly passwordPolicy?: cognito.PasswordPolicy;
  /**
   * Feature plan.
   * @default cognito.FeaturePlan.ESSENTIALS
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html
   */
  readonly featurePlan?: cognito.FeaturePlan;
  /**
   * How users recover their account.
   * @default cognito.AccountRecovery.EMAIL_ONLY with email sign-in, PHONE_ONLY_WITHOUT_MFA with phone only
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-recover-a-user-account.html
   */
  readonly accountRecovery?: cognito.AccountRecovery;
  /**
   * Standard attributes to collect (cannot change after creation).
   * @default - only the sign-in attributes
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
   */
  readonly userAttributes?: cognito.StandardAttributes;
  /**
   * Custom attributes, without the `custom:` prefix.
   * @default - none
   */
  readonly customAttributes?: { [name: string]: cognito.ICustomAttribute };
  /**
   * User groups.
   * @default - none
   */
  readonly groups?: GroupConfig[];
  /**
   * Whether users can sign themselves up.
   * @default true
   */
  readonly selfSignUp?: boolean;
  /**
   * An identity pool for AWS credentials.
   * @default - no identity pool
   */
  readonly identityPool?: IdentityPoolConfig;
  /**
   * Threat protection for standard sign-in. Needs the Plus feature plan.
   * @default - off (not available below Plus)
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-threat-protection.html
   */
  readonly threatProtection?: cognito.StandardThreatProtectionMode;
  /**
   * The app client.
   * @default - SRP sign-in, 1 hour access and ID tokens, 30 day refresh tokens, no secret
   */
  readonly client?: AppClientConfig;
  /**
   * Further app clients, e.g. a confidential machine-to-machine client (`generateSecret: true`,
   * `oauth: { clientCredentials: true, scopes: ['api/read'] }`).
   * @default - only the default public client
   */
  readonly appClients?: NamedAppClientConfig[];
  /**
   * OAuth 2.0 resource servers (APIs) and their custom scopes.
   * @default - none
   */
  readonly resourceServers?: ResourceServerConfig[];
  /**
   * The user pool domain: hosted sign-in pages (managed login) and the OAuth 2.0 endpoints.
   * @default - no domain (sign-in through the user pool API only)
   */
  readonly domain?: DomainConfig;
  /**
   * Passwordless first factors. Cognito does not allow them with REQUIRED MFA.
   * @default - password sign-in only
   */
  readonly passwordless?: PasswordlessConfig;
  /**
   * Lambda triggers.
   * @default - none
   */
  readonly triggers?: TriggersConfig;
  /**
   * Whether user names are case sensitive (cannot change after creation).
   * @default false
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-case-sensitivity.html
   */
  readonly signInCaseSensitive?: boolean;
  /**
   * Name of the user pool: 1 to 128 letters, digits, spaces and `+ = , . @ - _`.
   * @default - generated by CloudFormation
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html#CognitoUserPools-CreateUserPool-request-PoolName
   */
  readonly userPoolName?: string;
  /**
   * What happens to the user pool when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Refuse to delete the user pool while this is on.
   * @default true
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-deletion-protection.html
   */
  readonly deletionProtection?: boolean;
  /**
   * Emit CfnOutputs `<id>UserPoolId`, `<id>UserPoolClientId`, `<id>Region` (and `<id>IdentityPoolId`)
   * for clients and the operator CLI.
   * @default true
   */
  readonly outputs?: boolean;
  /**
   * CloudWatch alarms on the pool's throttles, quota use, triggers and threat-protection risk, and
   * optionally a dashboard. Opt-in: alarms are billed per alarm-month.
   * @default - no alarms
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/metrics-for-cognito-user-pools.html
   */
  readonly monitoring?: MonitoringConfig;
  /**
   * Export user notification errors and (Plus plan, threat protection on) user authentication events.
   * @default - no log export
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html
   */
  readonly logDelivery?: LogDeliveryConfig;
  /**
   * Protect the pool's API endpoints and managed login pages with an AWS WAF web ACL. Opt-in: a web
   * ACL is billed per month, per rule and per million requests.
   * @default - no web ACL
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-waf.html
   */
  readonly waf?: WafConfig;
}
