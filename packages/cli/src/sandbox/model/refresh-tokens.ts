import { PoolRuntime, SandboxContext } from './context';
import { RefreshRecord } from '../core/records';

/** A pool's refresh tokens, read and written through the store (table refresh_tokens, indexed by token and by username). */
export const getRefreshToken = (pool: PoolRuntime, token: string): RefreshRecord | undefined =>
  (token ? pool.store.refreshToken(pool.config.id, token) : undefined);

export const saveRefreshToken = (pool: PoolRuntime, token: string, record: RefreshRecord): void =>
  pool.store.putRefreshToken(pool.config.id, token, record);

export const deleteRefreshToken = (pool: PoolRuntime, token: string): void =>
  pool.store.deleteRefreshToken(pool.config.id, token);

/** Every refresh token of one user, as [token, record]. */
export const refreshTokensOf = (pool: PoolRuntime, username: string): [string, RefreshRecord][] =>
  pool.store.refreshTokensOf(pool.config.id, username);

/**
 * Under rotation without a grace period a refresh token is exchanged once: claimed before the new
 * tokens are signed (one-time.ts), so of requests racing with it one gets new tokens. Returns
 * `release` for an exchange that failed before issuing anything (a trigger's error): the token
 * then works again, as nothing replaced it. Undefined when another request has it.
 */
export function claimRefreshToken(ctx: SandboxContext, pool: PoolRuntime, token: string, record: RefreshRecord): (() => void) | undefined {
  const key = `refresh\u0000${pool.config.id}\u0000${token}`;
  return ctx.oneTime.claim(key, record.expiresAt) ? () => ctx.oneTime.release(key) : undefined;
}
