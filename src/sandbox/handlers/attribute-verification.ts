import { SandboxContext } from '../context';
import { invalidParameter } from '../errors';
import { randomDigits } from '../ids';
import { deliverCode } from '../messages';
import { authenticateAccessToken } from '../tokens';
import { UserRecord, VerifiableAttribute } from '../types';
import { HandlerTable } from './handler';

/** Attribute verification codes stay valid for 24 hours, like sign-up codes. */
const CODE_VALIDITY_MS = 24 * 3600 * 1000;

/** email or phone_number, present on the user: the attributes Cognito sends a code for. */
function verifiable(user: UserRecord, name: string): VerifiableAttribute {
  if (name !== 'email' && name !== 'phone_number') throw invalidParameter(`Attribute ${name} cannot be verified: only email and phone_number are verified with a code.`);
  if (!user.attributes[name]) throw invalidParameter(`The user has no ${name} to verify.`);
  return name;
}

/** GetUserAttributeVerificationCode and VerifyUserAttribute: a signed-in user proves an email address or phone number. */
export const attributeVerificationHandlers: HandlerTable = {
  async GetUserAttributeVerificationCode(ctx: SandboxContext, input) {
    const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
    const attribute = verifiable(user, input.AttributeName);
    const code = randomDigits(6);
    user.attributeCodes = { ...user.attributeCodes, [attribute]: { code, expiresAt: ctx.now() + CODE_VALIDITY_MS } };
    ctx.store.changed();
    const channel = attribute === 'email' ? 'EMAIL' : 'SMS';
    const delivery = await deliverCode(ctx, pool, user, { purpose: 'VERIFY_ATTRIBUTE', channel, code, clientMetadata: input.ClientMetadata });
    return { CodeDeliveryDetails: delivery };
  },

  VerifyUserAttribute(ctx, input) {
    const { pool, user } = authenticateAccessToken(ctx, input.AccessToken);
    const attribute = verifiable(user, input.AttributeName);
    ctx.codeAttempts.check(pool.config.id, user.username, `VERIFY_ATTRIBUTE:${attribute}`, user.attributeCodes?.[attribute], input.Code);
    user.attributes[`${attribute}_verified`] = 'true';
    const { [attribute]: _used, ...others } = user.attributeCodes ?? {};
    user.attributeCodes = others;
    user.updatedAt = ctx.now();
    ctx.store.changed();
    return {};
  },
};
