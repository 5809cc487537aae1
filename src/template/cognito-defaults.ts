/**
 * What Cognito applies where a synthesized template is silent: the ONE place every reader of a
 * template (sandbox, watch reload, client configuration, summary) takes these values from.
 */

/** The password policy as Cognito enforces it. */
export interface PasswordPolicyDescription {
  readonly minimumLength: number;
  readonly requireLowercase: boolean;
  readonly requireUppercase: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
  readonly temporaryPasswordValidityDays: number;
  readonly passwordHistorySize: number;
}

/**
 * A pool created without `Policies.PasswordPolicy`: at least 8 characters with lower and upper case,
 * numbers and symbols; temporary passwords valid 7 days; no history.
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/managing-users-passwords.html
 */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicyDescription = {
  minimumLength: 8,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: true,
  temporaryPasswordValidityDays: 7,
  passwordHistorySize: 0,
};

/**
 * The password policy a pool gets from its template's `Policies.PasswordPolicy`. Without a policy,
 * Cognito's default policy. Within a given policy an omitted requirement is ON, an omitted length is 8
 * and an omitted or 0 temporary password validity is 7 days.
 *
 * Why ON: the CloudFormation page leaves the default of an omitted requirement unsaid; aws-cdk-lib's
 * UserPool documents each of `requireLowercase`/`Uppercase`/`Digits`/`Symbols` as "@default true" and
 * leaves them out of the template when not given, so every CDK app with a partial policy relies on an
 * omitted requirement being on. The sandbox has always enforced it so, and on for a guess is the safe side:
 * a password the sandbox accepts is never one the deployed pool would refuse for a missing requirement.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-cognito-userpool-passwordpolicy.html
 * @see https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.PasswordPolicy.html
 */
export function passwordPolicyFrom(policy: Record<string, unknown> | undefined): PasswordPolicyDescription {
  if (!policy) return DEFAULT_PASSWORD_POLICY;
  return {
    minimumLength: positive(policy.MinimumLength) ?? DEFAULT_PASSWORD_POLICY.minimumLength,
    requireLowercase: requirement(policy.RequireLowercase),
    requireUppercase: requirement(policy.RequireUppercase),
    requireNumbers: requirement(policy.RequireNumbers),
    requireSymbols: requirement(policy.RequireSymbols),
    temporaryPasswordValidityDays: positive(policy.TemporaryPasswordValidityDays) ?? DEFAULT_PASSWORD_POLICY.temporaryPasswordValidityDays,
    passwordHistorySize: positive(policy.PasswordHistorySize) ?? 0,
  };
}

/** Cognito's MFA modes, as MfaConfiguration names them. */
export type MfaConfiguration = 'OFF' | 'ON' | 'OPTIONAL';

/** The MFA mode of a template's `MfaConfiguration`; Cognito's default is OFF. */
export function mfaConfigurationFrom(value: unknown): MfaConfiguration {
  if (value === undefined) return 'OFF';
  if (value === 'OFF' || value === 'ON' || value === 'OPTIONAL') return value;
  if (typeof value !== 'string') throw new Error(`MfaConfiguration must be a literal string, got ${JSON.stringify(value)}`);
  throw new Error(`MfaConfiguration ${JSON.stringify(value)} is not OFF, ON or OPTIONAL`);
}

/**
 * The second factors a pool offers: the template's `EnabledMfas`, none when MFA is OFF, and
 * SMS_MFA when MFA is ON or OPTIONAL without `EnabledMfas`.
 *
 * Why SMS: text messages were Cognito's only second factor before `EnabledMfas` (and TOTP) existed,
 * and CloudFormation still enables SMS MFA for a pool whose MFA is ON or OPTIONAL without a list:
 * CreateUserPool then fails with "SMS configuration and Auto verification for phone_number are required
 * when MFA is required/optional" unless SmsConfiguration is given (aws/aws-cdk#11478, #12075), and
 * "After you enable SMS_MFA, you can only disable it by setting MfaConfiguration to OFF" (EnabledMfas).
 * aws-cdk-lib's UserPool documents the same default: `mfaSecondFactor` is `{ sms: true, otp: false,
 * email: false }` when `mfa` is OPTIONAL or REQUIRED.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpool.html#cfn-cognito-userpool-enabledmfas
 */
export function enabledMfasFrom(mfaConfiguration: MfaConfiguration, enabledMfas: unknown): string[] {
  if (mfaConfiguration === 'OFF') return [];
  if (Array.isArray(enabledMfas)) return enabledMfas.map(String);
  return ['SMS_MFA'];
}

/**
 * Usernames are case sensitive unless `UsernameConfiguration.CaseSensitive` is false (the API's
 * default when UsernameConfiguration is omitted).
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-case-sensitivity.html
 */
export function caseSensitiveFrom(usernameConfiguration: Record<string, unknown> | undefined): boolean {
  return usernameConfiguration?.CaseSensitive === undefined || isTrue(usernameConfiguration.CaseSensitive);
}

/** Cognito's message templates where the template sets none. */
export const DEFAULT_MESSAGES = {
  verification: 'Your verification code is {####}. ',
  verificationSubject: 'Your verification code',
  authentication: 'Your authentication code is {####}. ',
  authenticationSubject: 'Your authentication code',
  invitation: 'Your username is {username} and temporary password is {####}. ',
  invitationSubject: 'Your temporary password',
} as const;

/** A CloudFormation boolean: templates may carry `true` or `"true"`. */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A password requirement of a given policy: on unless the template turns it off (see passwordPolicyFrom). */
function requirement(value: unknown): boolean {
  return value === undefined || isTrue(value);
}

function positive(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}
