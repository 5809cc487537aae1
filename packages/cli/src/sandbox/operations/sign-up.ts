import { ClientOperationTable, viaClientId } from './handler';
import { codeMismatch, invalidParameter, notAuthorized, userNotFound } from '../core/errors';
import { UserRecord } from '../core/records';
import { randomDigits } from '../crypto/ids';
import { PoolRuntime, SandboxContext } from '../model/context';
import { deliverCode, simulatedDelivery, verificationChannel } from '../model/messages';
import { checkPasswordPolicy } from '../model/password-policy';
import { checkRequired, deleteUser, findUser, newUser, toAttributeMap, usernameFor } from '../model/users';

/** Verification codes stay valid for 24 hours, as Cognito documents. */
const CODE_VALIDITY_MS = 24 * 3600 * 1000;

async function sendVerification(ctx: SandboxContext, pool: PoolRuntime, user: UserRecord, purpose: 'SIGN_UP' | 'RESEND_CODE', clientId: string, meta?: any) {
  const channel = verificationChannel(pool, user);
  if (!channel) return undefined;
  const code = randomDigits(6);
  // Kept once sent: a message that fails (a custom sender or CustomMessage trigger) leaves the code sent before usable.
  const delivery = await deliverCode(ctx, pool, user, { purpose, channel, code, clientId, clientMetadata: meta });
  user.confirmationCode = { code, expiresAt: ctx.now() + CODE_VALIDITY_MS };
  return delivery;
}

/** Sign-up operations for an app client: the API's SignUp, ConfirmSignUp and ResendConfirmationCode, and the hosted pages'. */
export const signUpOperations = {
  async SignUp(ctx, { client, pool }, input) {
    if (pool.config.allowAdminCreateUserOnly) throw notAuthorized('SignUp is not permitted for this user pool');
    const attributes = toAttributeMap(input.UserAttributes, pool);
    const username = usernameFor(pool, input.Username, attributes);
    checkPasswordPolicy(input.Password, pool.config.passwordPolicy);
    checkRequired(pool, attributes);
    const pre = await ctx.triggers.invoke(pool.config, {
      trigger: 'PreSignUp',
      triggerSource: 'PreSignUp_SignUp',
      username,
      clientId: client.id,
      request: { userAttributes: attributes, validationData: toMap(input.ValidationData), clientMetadata: input.ClientMetadata ?? {} },
    });
    const user = await newUser(ctx, pool, username, attributes, input.Password);
    if (pre?.autoVerifyEmail && attributes.email) attributes.email_verified = 'true';
    if (pre?.autoVerifyPhone && attributes.phone_number) attributes.phone_number_verified = 'true';
    if (pre?.autoConfirmUser) {
      user.status = 'CONFIRMED';
      return { UserConfirmed: true, UserSub: user.sub };
    }
    // A sign-up whose code could not be sent (its CustomMessage or custom sender trigger failed) keeps
    // no user: the caller got an error, and trying again must not meet UsernameExistsException. Cognito's
    // guide is silent; the sandbox's choice.
    const delivery = await sendVerification(ctx, pool, user, 'SIGN_UP', client.id, input.ClientMetadata).catch(err => {
      deleteUser(pool, user);
      throw err;
    });
    return { UserConfirmed: false, UserSub: user.sub, ...(delivery ? { CodeDeliveryDetails: delivery } : {}) };
  },

  async ConfirmSignUp(ctx, { client, pool }, input) {
    const user = findUser(pool, input.Username);
    if (!user) throw client.preventUserExistenceErrors ? codeMismatch('Invalid verification code provided, please try again.') : userNotFound();
    if (user.status !== 'UNCONFIRMED') throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
    ctx.codeAttempts.claim(pool.config.id, user.username, 'SIGN_UP', user.confirmationCode, input.ConfirmationCode);
    const channel = verificationChannel(pool, user);
    if (channel === 'SMS') user.attributes.phone_number_verified = 'true';
    if (channel === 'EMAIL') user.attributes.email_verified = 'true';
    user.status = 'CONFIRMED';
    user.confirmationCode = undefined;
    user.updatedAt = ctx.now();
    await ctx.triggers.invoke(pool.config, {
      trigger: 'PostConfirmation',
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      username: user.username,
      clientId: client.id,
      request: { userAttributes: { 'sub': user.sub, 'cognito:user_status': user.status, ...user.attributes }, clientMetadata: input.ClientMetadata ?? {} },
    });
    return {};
  },

  async ResendConfirmationCode(ctx, { client, pool }, input) {
    const user = findUser(pool, input.Username);
    // PreventUserExistenceErrors: an unknown user gets a delivery like a real one's; nothing is sent.
    if (!user) {
      if (client.preventUserExistenceErrors) return { CodeDeliveryDetails: simulatedDelivery(pool, String(input.Username)) };
      throw userNotFound();
    }
    if (user.status !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
    const delivery = await sendVerification(ctx, pool, user, 'RESEND_CODE', client.id, input.ClientMetadata);
    if (!delivery) throw invalidParameter('Auto verification not turned on.');
    return { CodeDeliveryDetails: delivery };
  },
} satisfies ClientOperationTable;

export const signUpHandlers = viaClientId(signUpOperations);

const toMap = (list: any): Record<string, string> =>
  Object.fromEntries((Array.isArray(list) ? list : []).map((a: any) => [String(a.Name), String(a.Value)]));
