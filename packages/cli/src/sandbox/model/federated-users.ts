import { PoolRuntime, SandboxContext } from './context';
import { runInboundFederation } from './inbound-federation';
import { findUser, isImmutableAttribute, newUser, usersWithStatus } from './users';
import { invalidParameter } from '../core/errors';
import { IdentityProviderConfig } from '../core/pool-config';
import { UserRecord } from '../core/records';
import { randomToken, uuid } from '../crypto/ids';

/**
 * Users who sign in through an external identity provider, as Cognito keeps them: username
 * `<ProviderName>_<subject>` (e.g. `Google_1234`), status EXTERNAL_PROVIDER, the provider's
 * attributes mapped by the provider's AttributeMapping on every sign-in, an `identities`
 * attribute, and membership of the pool's automatic `<poolId>_<ProviderName>` group. A
 * federated identity linked to a local user (AdminLinkProviderForUser) signs in as that user.
 *
 * Federated users get no MFA from the user pool: Cognito leaves authentication to the provider
 * ("In the case of federated users, Amazon Cognito delegates all authentication processes to the
 * IdP and doesn't offer them additional authentication factors", Adding MFA to a user pool).
 *
 * This file is the only place that reads or writes provider links.
 */

/** What the provider asserted: its subject and its attributes by the provider's names. */
export interface ExternalIdentity {
  readonly subject: string;
  readonly attributes: Record<string, string>;
}

const linkKey = (provider: string, subject: string) => `${provider}:${subject}`;

export const federatedUsername = (provider: IdentityProviderConfig, subject: string) => `${provider.name}_${subject}`;

/** The pool's automatic group for a provider's users. */
export const providerGroup = (pool: PoolRuntime, provider: IdentityProviderConfig) => `${pool.config.id}_${provider.name}`;

/** A mapped value longer than this fails the sign-in (Cognito developer guide, "Mapping IdP attributes to profiles and tokens"). */
const MAX_MAPPED_VALUE_LENGTH = 2048;

/**
 * Maps the provider's attributes onto user pool attributes; unmapped ones are dropped, as in Cognito.
 * "For each mapped user pool attribute, the maximum value length of 2,048 characters must be large
 * enough for the value that Amazon Cognito obtains from the IdP. Otherwise, Amazon Cognito reports an
 * error when users sign in" (same page): a longer value fails the sign-in, before anything is stored.
 */
export function mapAttributes(provider: IdentityProviderConfig, identity: ExternalIdentity): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [poolAttribute, providerAttribute] of Object.entries(provider.attributeMapping)) {
    const value = providerAttribute === 'sub' ? identity.subject : identity.attributes[providerAttribute];
    if (value === undefined || value === '') continue;
    if (value.length > MAX_MAPPED_VALUE_LENGTH) {
      throw invalidParameter(`The value mapped to ${poolAttribute} is ${value.length} characters long; mapped attributes hold at most ${MAX_MAPPED_VALUE_LENGTH}.`);
    }
    out[poolAttribute] = value;
  }
  return out;
}

/**
 * "The mapped user pool attributes must be mutable ... If Amazon Cognito can't update the attribute,
 * it throws an error" (same page): a returning user whose mapping reaches an immutable attribute fails
 * to sign in. (At creation an immutable attribute may be set.)
 */
function checkUpdatable(pool: PoolRuntime, mapped: Record<string, string>): void {
  const immutable = Object.keys(mapped).filter(name => isImmutableAttribute(pool, name));
  if (immutable.length) throw invalidParameter(`Cannot modify an immutable attribute: ${immutable.join(', ')}`);
}

function identityEntry(provider: IdentityProviderConfig, subject: string, createdAt: number) {
  // Cognito's shape, strings included: primary and dateCreated are strings in the token.
  return { userId: subject, providerName: provider.name, providerType: provider.type, issuer: null, primary: 'true', dateCreated: String(createdAt) };
}

function addIdentity(user: UserRecord, entry: ReturnType<typeof identityEntry>): void {
  const identities: any[] = user.attributes.identities ? JSON.parse(user.attributes.identities) : [];
  if (!identities.some(i => i.providerName === entry.providerName && i.userId === entry.userId)) identities.push(entry);
  user.attributes.identities = JSON.stringify(identities);
}

/**
 * Creates the federated user on first sign-in (after InboundFederation_ExternalProvider and
 * PreSignUp_ExternalProvider), or links and updates it (after InboundFederation_ExternalProvider).
 */
export async function signInFederated(
  ctx: SandboxContext, pool: PoolRuntime, clientId: string, provider: IdentityProviderConfig, identity: ExternalIdentity,
): Promise<UserRecord> {
  const username = federatedUsername(provider, identity.subject);
  // Before anything is created or updated: a failing trigger leaves the pool as it was.
  const asserted = await runInboundFederation(ctx, pool, clientId, provider, identity, username);
  const mapped = mapAttributes(provider, asserted);
  const linked = pool.state.providerLinks?.[linkKey(provider.name, identity.subject)];
  const local = linked ? findUser(pool, linked) : undefined;
  if (local) {
    addIdentity(local, identityEntry(provider, identity.subject, ctx.now()));
    return local;
  }
  let user = findUser(pool, username);
  if (!user) {
    await ctx.triggers.invoke(pool.config, {
      trigger: 'PreSignUp',
      triggerSource: 'PreSignUp_ExternalProvider',
      username,
      clientId,
      request: { userAttributes: { ...mapped }, validationData: {}, clientMetadata: {} },
    });
    // A federated user has no password of its own: an unguessable one keeps password sign-in closed.
    user = await newUser(ctx, pool, username, { ...mapped }, `${randomToken(24)}aA1!`, uuid());
    user.status = 'EXTERNAL_PROVIDER';
    user.groups.push(providerGroup(pool, provider));
  } else {
    checkUpdatable(pool, mapped);
    Object.assign(user.attributes, mapped);
  }
  addIdentity(user, identityEntry(provider, identity.subject, user.createdAt));
  user.updatedAt = ctx.now();
  return user;
}

/** AdminLinkProviderForUser: the provider identity signs in as the local user from now on. */
export function linkProviderToUser(pool: PoolRuntime, provider: string, subject: string, username: string): void {
  pool.state.providerLinks ??= {};
  pool.state.providerLinks[linkKey(provider, subject)] = username;
}

/** Identities of one provider that signed in before, for the stand-in provider's pick list. */
export function knownIdentities(pool: PoolRuntime, provider: IdentityProviderConfig): { subject: string; attributes: Record<string, string> }[] {
  const prefix = `${provider.name}_`;
  return usersWithStatus(pool, 'EXTERNAL_PROVIDER')
    .filter(u => u.username.startsWith(prefix))
    .map(u => ({ subject: u.username.slice(prefix.length), attributes: u.attributes }));
}
