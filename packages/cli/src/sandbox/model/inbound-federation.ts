import { PoolRuntime, SandboxContext } from './context';
import type { ExternalIdentity } from './federated-users';
import { CognitoError } from '../core/errors';
import { IdentityProviderConfig } from '../core/pool-config';

/**
 * The inbound federation Lambda trigger: "Amazon Cognito invokes the inbound federation trigger
 * before creating or updating the user profile. The trigger receives the raw attributes from the
 * identity provider and can transform them before Amazon Cognito stores them. This flow occurs for
 * both new federated users and existing users who sign in again through federation." (Cognito
 * developer guide, "Inbound federation Lambda trigger").
 *
 * The event, as that page documents it: common fields plus `triggerSource`
 * `InboundFederation_ExternalProvider` and `request: { providerName, providerType, attributes }`,
 * where `attributes.tokenResponse`, `.idToken` and `.userInfo` come from OIDC and social providers
 * and `.samlResponse` from SAML ones; the function answers `response.userAttributesToMap`.
 *
 * How the sandbox reads the answer (the page states no rule beyond "returns modified attributes that
 * Amazon Cognito applies to the user profile"; the AWS launch post says the trigger runs "before the
 * user profile is created and user attributes are mapped"; @types/aws-lambda: "All attributes to be
 * retained must be included; omitted attributes are dropped. Return an empty object `{}` to retain
 * all original attributes unchanged."): a non-empty map replaces the provider's attributes, by the
 * provider's names, and the provider's AttributeMapping then maps it onto the user as without the
 * trigger. The stand-in provider has no real tokens, so `tokenResponse` carries only `token_type`
 * and `expires_in`; `idToken` and `userInfo` carry `sub` and the typed attributes.
 *
 * The user stays the one the provider asserted: a `sub` in the map that differs from the provider's
 * subject is refused (the docs are silent; the sandbox does not let a trigger switch users).
 */
export async function runInboundFederation(
  ctx: SandboxContext, pool: PoolRuntime, clientId: string, provider: IdentityProviderConfig, identity: ExternalIdentity, username: string,
): Promise<ExternalIdentity> {
  if (!ctx.triggers.has(pool.config, 'InboundFederation')) return identity;
  const response = await ctx.triggers.invoke(pool.config, {
    trigger: 'InboundFederation',
    triggerSource: 'InboundFederation_ExternalProvider',
    username,
    clientId,
    request: { providerName: provider.name, providerType: provider.type, attributes: rawAttributes(provider, identity) },
  });
  const map = readAttributeMap(response);
  if (!map || Object.keys(map).length === 0) return identity;
  const { sub, ...attributes } = map;
  if (sub !== undefined && sub !== identity.subject) {
    throw invalidResponse(`userAttributesToMap.sub differs from the subject the provider asserted (${identity.subject}); the sandbox does not let the trigger change which user signs in`);
  }
  return { subject: identity.subject, attributes };
}

/** What the provider sent, in the documented shape for its type. */
function rawAttributes(provider: IdentityProviderConfig, identity: ExternalIdentity): Record<string, Record<string, string>> {
  if (provider.type === 'SAML') return { samlResponse: { ...identity.attributes } };
  const claims = { sub: identity.subject, ...identity.attributes };
  return { tokenResponse: { token_type: 'Bearer', expires_in: '3600' }, idToken: { ...claims }, userInfo: { ...claims } };
}

/** `response.userAttributesToMap`: absent, or a map of attribute names to strings (a StringMap). */
function readAttributeMap(response: Record<string, any> | undefined): Record<string, string> | undefined {
  const map = response?.userAttributesToMap;
  if (map === undefined || map === null) return undefined;
  if (typeof map !== 'object' || Array.isArray(map)) throw invalidResponse('userAttributesToMap must be an object of attribute names to strings');
  for (const [name, value] of Object.entries(map)) {
    if (typeof value !== 'string') throw invalidResponse(`userAttributesToMap.${name} must be a string, got ${value === null ? 'null' : typeof value}`);
  }
  return map as Record<string, string>;
}

const invalidResponse = (detail: string) => new CognitoError('InvalidLambdaResponseException', `Invalid InboundFederation response: ${detail}.`);
