/**
 * AdminResetUserPassword: the user's password stops working (status RESET_REQUIRED: sign-in answers
 * PasswordResetRequiredException) and a reset code goes to their verified phone, else verified
 * email, as ForgotPassword sends it; ConfirmForgotPassword with that code sets a new password.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminResetUserPassword.html
 */
import { HandlerTable } from './handler';
import { recoveryChannel, RESET_CODE_VALIDITY_MS } from './passwords';
import { invalidParameter } from '../core/errors';
import { randomDigits } from '../crypto/ids';
import { poolById } from '../model/context';
import { deliverCode } from '../model/messages';
import { requireUser } from '../model/users';

export const adminPasswordResetHandlers: HandlerTable = {
  async AdminResetUserPassword(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const user = requireUser(pool, input.Username);
    const channel = recoveryChannel(user);
    if (!channel) throw invalidParameter('Cannot reset password for the user as there is no registered/verified email or phone_number');
    const code = randomDigits(6);
    // Sent first: when the message fails (a custom sender or CustomMessage trigger), the password keeps working.
    await deliverCode(ctx, pool, user, { purpose: 'FORGOT_PASSWORD', channel, code, clientMetadata: input.ClientMetadata });
    user.resetCode = { code, expiresAt: ctx.now() + RESET_CODE_VALIDITY_MS };
    if (user.status === 'CONFIRMED') user.status = 'RESET_REQUIRED';
    user.updatedAt = ctx.now();
    return {};
  },
};
