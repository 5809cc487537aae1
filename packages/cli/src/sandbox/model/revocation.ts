/**
 * Global sign-out. Token `iat` is whole seconds, as in Cognito's tokens, while a sign-out happens
 * at some millisecond: comparing `iat` with the sign-out time alone would refuse a token issued
 * later in the same second, or accept one issued earlier in it. So a sign-out records its time and
 * the origin_jti of every sign-in it ended; a token is revoked when it is from an earlier second,
 * or from that second and one of those sign-ins. Sign-ins after it have new origin_jti values (the
 * refresh tokens of the old ones are gone), so they work at any millisecond.
 */
import { PoolRuntime, SandboxContext } from './context';
import { deleteRefreshToken, refreshTokensOf } from './refresh-tokens';
import { UserRecord } from '../core/records';

/** Ends every sign-in of `user`: refresh tokens deleted, access tokens issued so far refused. */
export function revokeTokens(ctx: SandboxContext, pool: PoolRuntime, user: UserRecord): void {
  const now = ctx.now();
  const ended: string[] = [];
  for (const [token, r] of refreshTokensOf(pool, user.username)) {
    ended.push(r.originJti);
    deleteRefreshToken(pool, token);
  }
  const sameSecond = user.tokensRevokedAt !== undefined && Math.floor(user.tokensRevokedAt / 1000) === Math.floor(now / 1000);
  user.revokedOrigins = [...new Set([...(sameSecond ? user.revokedOrigins ?? [] : []), ...ended])];
  user.tokensRevokedAt = now;
}

/** True when a token with these claims was issued before the user's last global sign-out. */
export function isRevoked(user: UserRecord, claims: { iat?: unknown; origin_jti?: unknown }): boolean {
  if (user.tokensRevokedAt === undefined) return false;
  const revokedSecond = Math.floor(user.tokensRevokedAt / 1000);
  const iat = Number(claims.iat);
  if (!(iat >= revokedSecond)) return true;
  return iat === revokedSecond && (user.revokedOrigins ?? []).includes(String(claims.origin_jti));
}
