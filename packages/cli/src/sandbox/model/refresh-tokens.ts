import { PoolRuntime } from './context';
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
