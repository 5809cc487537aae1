/**
 * GetUserAuthFactors: the signed-in user's MFA settings and the first factors they can sign in
 * with by choice-based sign-in (USER_AUTH): PASSWORD when they have one, EMAIL_OTP / SMS_OTP when
 * the pool allows them and the user has an email address / phone number (the same rule the
 * sign-in's SELECT_CHALLENGE applies).
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAuthFactors.html
 */
import { HandlerTable } from './handler';
import { availableFirstFactors } from './sign-in/initiate';
import { mfaView } from './user-views';
import { authenticateAccessToken } from '../model/tokens';

export const authFactorHandlers: HandlerTable = {
  GetUserAuthFactors(ctx, input) {
    const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
    const factors = new Set(availableFirstFactors(pool, user).map(f => (f === 'PASSWORD_SRP' ? 'PASSWORD' : f)));
    if (user.status === 'EXTERNAL_PROVIDER') factors.delete('PASSWORD');
    return { Username: user.username, ...mfaView(user), ConfiguredUserAuthFactors: [...factors] };
  },
};
