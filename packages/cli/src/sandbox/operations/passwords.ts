import { ClientOperationTable, HandlerTable, viaClientId } from './handler';
import { checkNotLocked, recordWrongPassword } from './sign-in/password-check';
import { migrateUser } from './sign-in/user-migration';
import { codeMismatch, CognitoError, invalidParameter, userNotFound } from '../core/errors';
import { UserRecord } from '../core/records';
import { randomDigits } from '../crypto/ids';
import { passwordMatches } from '../crypto/passwords';
import { SandboxContext } from '../model/context';
import { Channel, deliverCode, simulatedDelivery } from '../model/messages';
import { checkPasswordHistory } from '../model/password-history';
import { checkPasswordPolicy } from '../model/password-policy';
import { authenticateAccessToken } from '../model/tokens';
import { findUser, setPassword } from '../model/users';

/** Password reset codes are valid for one hour. */
export const RESET_CODE_VALIDITY_MS = 3600 * 1000;

/** Reset codes go to a verified phone first, else a verified email (Cognito's default recovery order). */
export function recoveryChannel(user: UserRecord): Channel | undefined {
  if (user.attributes.phone_number && user.attributes.phone_number_verified === 'true') return 'SMS';
  if (user.attributes.email && user.attributes.email_verified === 'true') return 'EMAIL';
  return undefined;
}

/** Password reset for an app client: the API's ForgotPassword and ConfirmForgotPassword, and the hosted pages'. */
export const passwordResetOperations = {
  async ForgotPassword(ctx: SandboxContext, { client, pool }, input) {
    const user = findUser(pool, input.Username) ?? await migrateUser(ctx, {
      pool, clientId: client.id, username: String(input.Username ?? ''), source: 'UserMigration_ForgotPassword', clientMetadata: input.ClientMetadata,
    });
    // PreventUserExistenceErrors: an unknown user gets a delivery like a real one's; nothing is sent.
    if (!user) {
      if (client.preventUserExistenceErrors) return { CodeDeliveryDetails: simulatedDelivery(pool, String(input.Username)) };
      throw userNotFound();
    }
    const channel = recoveryChannel(user);
    if (!channel) throw invalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');
    const code = randomDigits(6);
    // Sent first: a message that fails (a custom sender or CustomMessage trigger) leaves the code sent before usable.
    const delivery = await deliverCode(ctx, pool, user, { purpose: 'FORGOT_PASSWORD', channel, code, clientId: client.id, clientMetadata: input.ClientMetadata });
    user.resetCode = { code, expiresAt: ctx.now() + RESET_CODE_VALIDITY_MS };
    return { CodeDeliveryDetails: delivery };
  },

  async ConfirmForgotPassword(ctx, { client, pool }, input) {
    const user = findUser(pool, input.Username);
    // An unknown user's code is wrong, as any code would be (PreventUserExistenceErrors).
    if (!user) throw client.preventUserExistenceErrors ? codeMismatch('Invalid verification code provided, please try again.') : userNotFound();
    const code = user.resetCode;
    // Spent before any await: of requests racing with one code, one sets its password (model/one-time.ts).
    const release = ctx.codeAttempts.claim(pool.config.id, user.username, 'FORGOT_PASSWORD', code, input.ConfirmationCode);
    try {
      checkPasswordPolicy(input.Password, pool.config.passwordPolicy);
      await checkPasswordHistory(pool, user, input.Password);
    } catch (e) {
      // A refused new password leaves the code usable: the code was right, the password is the user's to change.
      release();
      throw e;
    }
    await setPassword(pool, user, input.Password);
    // A newer code sent while the password was being hashed stays valid.
    if (user.resetCode === code) user.resetCode = undefined;
    user.failedSignIns = 0;
    user.lockedUntil = undefined;
    if (user.status === 'RESET_REQUIRED' || user.status === 'FORCE_CHANGE_PASSWORD') user.status = 'CONFIRMED';
    user.updatedAt = ctx.now();
    return {};
  },
} satisfies ClientOperationTable;

export const passwordHandlers: HandlerTable = {
  ...viaClientId(passwordResetOperations),

  async ChangePassword(ctx, input) {
    const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
    checkNotLocked(ctx, user);
    const matches = await passwordMatches(input.PreviousPassword ?? '', user.passwordHash, user.passwordSalt);
    checkNotLocked(ctx, user); // parallel wrong attempts may have locked the user during the hash
    if (!matches) throw recordWrongPassword(ctx, user);
    checkPasswordPolicy(input.ProposedPassword, pool.config.passwordPolicy);
    await checkPasswordHistory(pool, user, input.ProposedPassword);
    if (input.ProposedPassword === input.PreviousPassword) throw new CognitoError('InvalidPasswordException', 'The new password must differ from the old one.');
    await setPassword(pool, user, input.ProposedPassword);
    user.updatedAt = ctx.now();
    return {};
  },
};
