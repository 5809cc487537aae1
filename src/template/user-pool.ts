import {
  caseSensitiveFrom, enabledMfasFrom, isTrue, MfaConfiguration, mfaConfigurationFrom, PasswordPolicyDescription, passwordPolicyFrom,
} from './cognito-defaults';

/** One attribute of a pool's schema, with Cognito's defaults applied. */
export interface SchemaAttributeDescription {
  readonly name: string;
  readonly required: boolean;
  readonly mutable: boolean;
}

/** A user pool as Cognito runs it: the template's settings with Cognito's defaults applied. */
export interface UserPoolDescription {
  readonly logicalId: string;
  /** The pool's Ref value in the resolve context (its id), or the logical id when none was assigned. */
  readonly ref: string;
  readonly mfaConfiguration: MfaConfiguration;
  /** SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP; empty when MFA is OFF. */
  readonly enabledMfas: string[];
  readonly passwordPolicy: PasswordPolicyDescription;
  readonly usernameAttributes: string[];
  readonly aliasAttributes: string[];
  readonly autoVerifiedAttributes: string[];
  readonly caseSensitive: boolean;
  readonly schema: SchemaAttributeDescription[];
  /** First sign-in factors; PASSWORD alone unless the sign-in policy says otherwise. */
  readonly firstAuthFactors: string[];
  /** The resolved properties, for what the description does not cover. */
  readonly properties: Record<string, any>;
}

/** Describes a user pool from its resolved CloudFormation properties. */
export function describeUserPool(logicalId: string, ref: string, p: Record<string, any>): UserPoolDescription {
  const mfaConfiguration = mfaConfigurationFrom(p.MfaConfiguration);
  return {
    logicalId,
    ref,
    mfaConfiguration,
    enabledMfas: enabledMfasFrom(mfaConfiguration, p.EnabledMfas),
    passwordPolicy: passwordPolicyFrom(p.Policies?.PasswordPolicy),
    usernameAttributes: list(p.UsernameAttributes),
    aliasAttributes: list(p.AliasAttributes),
    autoVerifiedAttributes: list(p.AutoVerifiedAttributes),
    caseSensitive: caseSensitiveFrom(p.UsernameConfiguration),
    schema: (Array.isArray(p.Schema) ? p.Schema : []).map((a: any) => ({
      name: String(a.Name),
      required: isTrue(a.Required),
      mutable: a.Mutable === undefined || isTrue(a.Mutable),
    })),
    firstAuthFactors: Array.isArray(p.Policies?.SignInPolicy?.AllowedFirstAuthFactors) ? list(p.Policies.SignInPolicy.AllowedFirstAuthFactors) : ['PASSWORD'],
    properties: p,
  };
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
