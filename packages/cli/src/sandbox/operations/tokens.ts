/**
 * Token operations for an app client: RevokeToken (ends one sign-in: its refresh token, every
 * refresh token rotated from it and the access tokens issued from them, which carry its
 * `origin_jti`) and GetTokensFromRefreshToken (with refresh token rotation when the client has it).
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RevokeToken.html
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetTokensFromRefreshToken.html
 */
import { ClientOperationTable, HandlerTable, viaClientId } from './handler';
import { refreshAuth } from './sign-in/initiate';
import { CognitoError } from '../core/errors';
import { getRefreshToken } from '../model/refresh-tokens';
import { revokeRefreshToken } from '../model/tokens';

export const tokenOperations = {
  RevokeToken(ctx, { client, pool }, input) {
    if (client.tokenRevocation === false) {
      throw new CognitoError('UnsupportedOperationException', `Token revocation is not enabled for the app client ${client.name} (EnableTokenRevocation is false).`);
    }
    // Only refresh tokens are revoked; an access or ID token (a JWT) is not one.
    if (input.Token.split('.').length === 3) throw new CognitoError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked; this is a JWT.');
    const record = getRefreshToken(pool, input.Token);
    if (record && record.clientId !== client.id) throw new CognitoError('UnauthorizedException', 'The refresh token was not issued to this app client.');
    // An unknown or already revoked token succeeds quietly, as RFC 7009 asks of revocation endpoints.
    revokeRefreshToken(ctx, pool, input.Token);
    return {};
  },

  async GetTokensFromRefreshToken(ctx, { client, pool }, input) {
    const params: Record<string, string> = { REFRESH_TOKEN: input.RefreshToken, ...(input.DeviceKey ? { DEVICE_KEY: input.DeviceKey } : {}) };
    const { AuthenticationResult } = await refreshAuth(ctx, { pool, client, admin: false, params, clientMetadata: input.ClientMetadata }, 'GetTokensFromRefreshToken');
    return { AuthenticationResult };
  },
} satisfies ClientOperationTable;

export const tokenHandlers: HandlerTable = viaClientId(tokenOperations);
