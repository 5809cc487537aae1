import { AuthClientDescription } from './description';
import { amplifySocialProviders } from './from-template';

/**
 * The `AWS::Amplify::Auth` backend output (version 1) of `@aws-amplify/backend-output-schemas`:
 * string values, lists and objects as JSON. These are the CloudFormation output names and values
 * Amplify's tooling reads to write `amplify_outputs.json` for a deployed stack.
 */
export interface AmplifyAuthStackOutputs {
  readonly version: '1';
  readonly payload: Record<string, string>;
}

/**
 * Builds the Amplify auth backend output (stack output names to string values) from a description.
 * `identityPoolId` is `''` when there is no identity pool: the published schema requires the key.
 */
export function buildAmplifyAuthStackOutputs(input: AuthClientDescription): AmplifyAuthStackOutputs {
  const policy = input.passwordPolicy;
  const requirements = [
    policy.requireNumbers && 'REQUIRES_NUMBERS',
    policy.requireLowercase && 'REQUIRES_LOWERCASE',
    policy.requireUppercase && 'REQUIRES_UPPERCASE',
    policy.requireSymbols && 'REQUIRES_SYMBOLS',
  ].filter(Boolean);
  const payload: Record<string, string> = {
    authRegion: input.region,
    userPoolId: input.userPoolId,
    webClientId: input.userPoolClientId,
    identityPoolId: input.identityPoolId ?? '',
    usernameAttributes: JSON.stringify(input.usernameAttributes),
    signupAttributes: JSON.stringify(input.requiredAttributes),
    verificationMechanisms: JSON.stringify(input.verificationTypes),
    passwordPolicyMinLength: String(policy.minLength),
    passwordPolicyRequirements: JSON.stringify(requirements),
    // Amplify reads CloudFormation's names here (ON, not REQUIRED).
    mfaConfiguration: input.mfaMode === 'REQUIRED' ? 'ON' : input.mfaMode,
    mfaTypes: JSON.stringify(input.mfaMode === 'OFF' ? [] : input.mfaMethods),
    groups: JSON.stringify(input.groups.map(g => ({ [g.name]: g.precedence === undefined ? {} : { precedence: g.precedence } }))),
  };
  if (input.identityPoolId) payload.allowUnauthenticatedIdentities = String(input.unauthenticatedIdentitiesEnabled ?? false);
  // The same JSON Amplify's auth construct writes, which its generator turns into amplify_outputs.json's `passwordless`.
  if (input.passwordless) {
    const { emailOtp, smsOtp, webAuthn } = input.passwordless;
    payload.passwordlessOptions = JSON.stringify({ emailOtpEnabled: emailOtp, smsOtpEnabled: smsOtp, ...(webAuthn ? { webAuthn } : {}) });
  }
  // The names and encodings Amplify's auth construct writes for hosted sign-in.
  if (input.oauth) {
    const o = input.oauth;
    payload.socialProviders = JSON.stringify(o.identityProviders.filter(name => name !== 'COGNITO').map(name => amplifySocialProviders([name])[0] ?? name));
    payload.oauthCognitoDomain = o.domain;
    payload.oauthScope = JSON.stringify(o.scopes);
    payload.oauthRedirectSignIn = o.redirectSignIn.join(',');
    payload.oauthRedirectSignOut = o.redirectSignOut.join(',');
    payload.oauthResponseType = o.responseType;
    payload.oauthClientId = input.userPoolClientId;
  }
  return { version: '1', payload };
}
