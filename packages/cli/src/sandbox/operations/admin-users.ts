import { HandlerTable } from './handler';
import { mfaView, userType } from './user-views';
import { CognitoError } from '../core/errors';
import { UserRecord } from '../core/records';
import { poolById, PoolRuntime, SandboxContext } from '../model/context';
import { deliverCode } from '../model/messages';
import { checkPasswordHistory } from '../model/password-history';
import { checkPasswordPolicy, temporaryPassword } from '../model/password-policy';
import { revokeTokens } from '../model/revocation';
import { authenticateAccessToken } from '../model/tokens';
import { attributeList, deleteUser, newUser, requireUser, setPassword, toAttributeMap, usernameFor } from '../model/users';

const DAY_MS = 24 * 3600 * 1000;

async function invite(
  ctx: SandboxContext, pool: PoolRuntime, user: UserRecord, password: string, mediums: string[], clientMetadata?: Record<string, string>,
) {
  for (const medium of mediums) {
    const channel = medium === 'EMAIL' ? 'EMAIL' : 'SMS';
    if (!(channel === 'EMAIL' ? user.attributes.email : user.attributes.phone_number)) continue;
    await deliverCode(ctx, pool, user, { purpose: 'ADMIN_CREATE_USER', channel, code: password, clientMetadata });
  }
}

export const adminUserHandlers: HandlerTable = {
  async AdminCreateUser(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const mediums: string[] = input.DesiredDeliveryMediums ?? ['SMS'];
    const password = input.TemporaryPassword ?? temporaryPassword(pool.config.passwordPolicy);
    checkPasswordPolicy(password, pool.config.passwordPolicy);
    const expires = ctx.now() + pool.config.passwordPolicy.temporaryPasswordValidityDays * DAY_MS;
    if (input.MessageAction === 'RESEND') {
      const existing = requireUser(pool, input.Username);
      if (existing.status !== 'FORCE_CHANGE_PASSWORD') throw new CognitoError('UnsupportedUserStateException', 'Resend not possible. User status is not FORCE_CHANGE_PASSWORD.');
      await setPassword(pool, existing, password);
      existing.temporaryPasswordExpiresAt = expires;
      await invite(ctx, pool, existing, password, mediums, input.ClientMetadata);
      return { User: userType(existing) };
    }
    const attributes = toAttributeMap(input.UserAttributes, pool);
    let username: string;
    try {
      username = usernameFor(pool, input.Username, attributes);
    } catch (e) {
      if (e instanceof CognitoError && e.type === 'UsernameExistsException') throw new CognitoError(e.type, 'User account already exists');
      throw e;
    }
    await ctx.triggers.invoke(pool.config, {
      trigger: 'PreSignUp',
      triggerSource: 'PreSignUp_AdminCreateUser',
      username,
      request: { userAttributes: attributes, validationData: {}, clientMetadata: input.ClientMetadata ?? {} },
    });
    const user = await newUser(ctx, pool, username, attributes, password);
    user.status = 'FORCE_CHANGE_PASSWORD';
    user.temporaryPasswordExpiresAt = expires;
    // As for SignUp: a user whose invitation could not be sent is not kept (the caller got an error).
    if (input.MessageAction !== 'SUPPRESS') {
      await invite(ctx, pool, user, password, mediums, input.ClientMetadata).catch(err => {
        deleteUser(pool, user);
        throw err;
      });
    }
    return { User: userType(user) };
  },

  AdminGetUser(ctx, input) {
    const user = requireUser(poolById(ctx, input.UserPoolId), input.Username);
    const { Attributes, ...rest } = userType(user);
    return { ...rest, UserAttributes: Attributes, ...mfaView(user) };
  },

  GetUser(ctx, input) {
    const { user } = authenticateAccessToken(ctx, input.AccessToken);
    return { Username: user.username, UserAttributes: attributeList(user), ...mfaView(user) };
  },

  AdminDeleteUser(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const user = requireUser(pool, input.Username);
    revokeTokens(ctx, pool, user);
    deleteUser(pool, user);
    return {};
  },

  DeleteUser(ctx, input) {
    const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
    revokeTokens(ctx, pool, user);
    deleteUser(pool, user);
    return {};
  },

  AdminConfirmSignUp(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const user = requireUser(pool, input.Username);
    if (user.status !== 'UNCONFIRMED') throw new CognitoError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
    user.status = 'CONFIRMED';
    return {};
  },

  async AdminSetUserPassword(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const user = requireUser(pool, input.Username);
    checkPasswordPolicy(input.Password, pool.config.passwordPolicy);
    await checkPasswordHistory(pool, user, input.Password);
    await setPassword(pool, user, input.Password);
    user.status = input.Permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
    user.temporaryPasswordExpiresAt = input.Permanent ? undefined : ctx.now() + pool.config.passwordPolicy.temporaryPasswordValidityDays * DAY_MS;
    user.updatedAt = ctx.now();
    return {};
  },

  AdminDisableUser(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const user = requireUser(pool, input.Username);
    user.enabled = false;
    revokeTokens(ctx, pool, user);
    return {};
  },

  AdminEnableUser(ctx, input) {
    const user = requireUser(poolById(ctx, input.UserPoolId), input.Username);
    user.enabled = true;
    return {};
  },

  AdminUpdateUserAttributes(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const user = requireUser(pool, input.Username);
    Object.assign(user.attributes, toAttributeMap(input.UserAttributes, pool));
    user.updatedAt = ctx.now();
    return {};
  },

  AdminUserGlobalSignOut(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    revokeTokens(ctx, pool, requireUser(pool, input.Username));
    return {};
  },

  GlobalSignOut(ctx, input) {
    const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
    revokeTokens(ctx, pool, user);
    return {};
  },
};
