import { HandlerTable } from './handler';
import { CognitoError, invalidParameter } from '../core/errors';
import { UserRecord, VerifiableAttribute } from '../core/records';
import { randomDigits } from '../crypto/ids';
import { SandboxContext } from '../model/context';
import { deliverCode } from '../model/messages';
import { authenticateAccessToken } from '../model/tokens';
import { signInNameTaken } from '../model/users';

/** Attribute verification codes stay valid for 24 hours, like sign-up codes. */
export const ATTRIBUTE_CODE_VALIDITY_MS = 24 * 3600 * 1000;

/** email or phone_number, present on the user (or waiting for verification): the attributes Cognito sends a code for. */
function verifiable(user: UserRecord, name: string): VerifiableAttribute {
  if (name !== 'email' && name !== 'phone_number') throw invalidParameter(`Attribute ${name} cannot be verified: only email and phone_number are verified with a code.`);
  if (!user.attributes[name] && !user.pendingAttributes?.[name]) throw invalidParameter(`The user has no ${name} to verify.`);
  return name;
}

/**
 * GetUserAttributeVerificationCode and VerifyUserAttribute: a signed-in user proves an email address
 * or phone number. A value waiting for verification (AttributesRequireVerificationBeforeUpdate) is
 * the one a new code goes to and the one the right code puts in place (the sandbox's reading: the
 * docs say the change applies once verified, and a resent code can only be meant for it).
 */
export const attributeVerificationHandlers: HandlerTable = {
  async GetUserAttributeVerificationCode(ctx: SandboxContext, input) {
    const { pool, user, claims } = authenticateAccessToken(ctx, input.AccessToken);
    const attribute = verifiable(user, input.AttributeName);
    const code = randomDigits(6);
    user.attributeCodes = { ...user.attributeCodes, [attribute]: { code, expiresAt: ctx.now() + ATTRIBUTE_CODE_VALIDITY_MS } };
    const channel = attribute === 'email' ? 'EMAIL' : 'SMS';
    const delivery = await deliverCode(ctx, pool, user, {
      purpose: 'VERIFY_ATTRIBUTE',
      channel,
      code,
      clientId: String(claims.client_id),
      clientMetadata: input.ClientMetadata,
      destination: user.pendingAttributes?.[attribute],
    });
    return { CodeDeliveryDetails: delivery };
  },

  VerifyUserAttribute(ctx, input) {
    const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
    const attribute = verifiable(user, input.AttributeName);
    const release = ctx.codeAttempts.claim(pool.config.id, user.username, `VERIFY_ATTRIBUTE:${attribute}`, user.attributeCodes?.[attribute], input.Code);
    const pending = user.pendingAttributes?.[attribute];
    // Another user may have taken the waiting value since the code was sent: nothing changes, and the code still works.
    if (pending !== undefined && signInNameTaken(pool, user, attribute, pending)) {
      release();
      throw new CognitoError('AliasExistsException', `An account with the given ${attribute} already exists.`);
    }
    if (pending !== undefined) {
      user.attributes[attribute] = pending;
      const { [attribute]: _p, ...others } = user.pendingAttributes ?? {};
      user.pendingAttributes = others;
    }
    user.attributes[`${attribute}_verified`] = 'true';
    const { [attribute]: _used, ...others } = user.attributeCodes ?? {};
    user.attributeCodes = others;
    user.updatedAt = ctx.now();
    return {};
  },
};
