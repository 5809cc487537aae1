import { epoch, HandlerTable } from './handler';
import { invalidParameter, resourceNotFound } from '../core/errors';
import { SandboxContext } from '../model/context';
import { takeOnce } from '../model/one-time';
import { authenticateAccessToken } from '../model/tokens';
import { completeRegistration, credentialsOf, relyingPartyFor, requireWebAuthnEnabled, startRegistration } from '../model/webauthn';

/** A signed-in user of a pool with passkeys on. */
function passkeyUser(ctx: SandboxContext, accessToken: unknown) {
  const { pool, user } = authenticateAccessToken(ctx, accessToken);
  requireWebAuthnEnabled(pool);
  return { pool, user };
}

/** ListWebAuthnCredentials pages: NextToken is the index of the next credential. */
function page(total: number, nextToken: unknown, maxResults: unknown): { start: number; end: number } {
  const start = nextToken === undefined ? 0 : Number(nextToken);
  if (!Number.isInteger(start) || start < 0 || start > total) throw invalidParameter('NextToken is not valid for this list.');
  const size = maxResults === undefined ? 20 : Number(maxResults);
  if (!Number.isInteger(size) || size < 1 || size > 20) throw invalidParameter('MaxResults must be between 1 and 20.');
  return { start, end: Math.min(total, start + size) };
}

export const webAuthnHandlers: HandlerTable = {
  /** Options for navigator.credentials.create(); a new call replaces a registration in progress. */
  async StartWebAuthnRegistration(ctx, input, request) {
    const { pool, user } = passkeyUser(ctx, input.AccessToken);
    const { options, pending } = await startRegistration(pool, user, relyingPartyFor(pool, ctx.region, request?.origin), ctx.now());
    user.webAuthnRegistration = pending;
    return { CredentialCreationOptions: options };
  },

  async CompleteWebAuthnRegistration(ctx, input) {
    const { pool, user } = passkeyUser(ctx, input.AccessToken);
    // One attempt per registration, successful or not, like a sign-in challenge: taken before any await (model/one-time.ts).
    const credential = await completeRegistration(pool, user, takeOnce(user, 'webAuthnRegistration'), input.Credential, ctx.now());
    user.webAuthnCredentials = [...credentialsOf(user), credential];
    return {};
  },

  ListWebAuthnCredentials(ctx, input) {
    const { user } = authenticateAccessToken(ctx, input.AccessToken);
    const all = credentialsOf(user);
    const { start, end } = page(all.length, input.NextToken, input.MaxResults);
    return {
      Credentials: all.slice(start, end).map(c => ({
        CredentialId: c.id,
        FriendlyCredentialName: c.friendlyName,
        RelyingPartyId: c.relyingPartyId,
        ...(c.attachment ? { AuthenticatorAttachment: c.attachment } : {}),
        AuthenticatorTransports: c.transports,
        CreatedAt: epoch(c.createdAt),
      })),
      ...(end < all.length ? { NextToken: String(end) } : {}),
    };
  },

  DeleteWebAuthnCredential(ctx, input) {
    const { user } = authenticateAccessToken(ctx, input.AccessToken);
    const all = credentialsOf(user);
    if (!all.some(c => c.id === input.CredentialId)) throw resourceNotFound('The passkey credential does not exist for this user.');
    user.webAuthnCredentials = all.filter(c => c.id !== input.CredentialId);
    return {};
  },
};
