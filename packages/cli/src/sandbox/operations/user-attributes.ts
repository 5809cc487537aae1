/**
 * Changing and deleting a user's attributes: UpdateUserAttributes (the user, with an access token),
 * DeleteUserAttributes and AdminDeleteUserAttributes.
 *
 * An email or phone number change in a pool that auto-verifies that attribute sends a code to the
 * new value (CodeDeliveryDetailsList), with the CustomMessage_UpdateUserAttribute trigger source.
 * Without `AttributesRequireVerificationBeforeUpdate` the new value applies at once, unverified.
 * With it (Cognito's "keep original attribute value active"), the old value and its verified state
 * stay, the new one waits, and VerifyUserAttribute with the code puts it in place.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-email-phone-verification.html
 */
import { ATTRIBUTE_CODE_VALIDITY_MS } from './attribute-verification';
import { HandlerTable } from './handler';
import { CognitoError, invalidParameter } from '../core/errors';
import { UserRecord, VerifiableAttribute } from '../core/records';
import { randomDigits } from '../crypto/ids';
import { poolById, PoolRuntime, SandboxContext } from '../model/context';
import { deliverCode } from '../model/messages';
import { authenticateAccessToken } from '../model/tokens';
import { isImmutableAttribute, isRequiredAttribute, requireUser, signInNameTaken, toAttributeMap } from '../model/users';

const VERIFIABLE: readonly VerifiableAttribute[] = ['email', 'phone_number'];

/** Refuses attributes the user may not delete: required ones and immutable ones. */
function checkDeletable(pool: PoolRuntime, names: readonly string[]): void {
  for (const name of names) {
    if (isRequiredAttribute(pool, name)) throw invalidParameter(`Cannot delete the required attribute ${name}: the pool's schema requires it.`);
    if (isImmutableAttribute(pool, name)) throw invalidParameter(`Cannot modify an immutable attribute: ${name}`);
  }
}

/** Deletes attributes; an email or phone number takes its verified flag and any pending change along. */
function deleteAttributes(ctx: SandboxContext, user: UserRecord, names: readonly string[]): void {
  for (const name of names) {
    delete user.attributes[name];
    if (name === 'email' || name === 'phone_number') {
      delete user.attributes[`${name}_verified`];
      const { [name]: _p, ...pending } = user.pendingAttributes ?? {};
      user.pendingAttributes = pending;
    }
  }
  user.updatedAt = ctx.now();
}

/** The app client's WriteAttributes (when the template limits them): writing another attribute is refused, as in Cognito. */
function checkWritable(ctx: SandboxContext, clientId: string, names: readonly string[]): void {
  const allowed = ctx.clients.get(clientId)?.properties?.WriteAttributes as string[] | undefined;
  if (!allowed) return;
  const refused = names.filter(n => !allowed.includes(n));
  if (refused.length) throw new CognitoError('NotAuthorizedException', `A client attempted to write unauthorized attribute: ${refused.join(', ')}`);
}

export const userAttributeHandlers: HandlerTable = {
  async UpdateUserAttributes(ctx, input) {
    const { pool, user, claims } = authenticateAccessToken(ctx, input.AccessToken);
    const updates = toAttributeMap(input.UserAttributes, pool);
    const names = Object.keys(updates);
    checkWritable(ctx, String(claims.client_id), names);
    for (const name of names) if (isImmutableAttribute(pool, name)) throw invalidParameter(`Cannot modify an immutable attribute: ${name}`);
    // A blank value deletes the attribute (API reference), so required ones stay refused.
    const blanks = names.filter(n => updates[n] === '');
    checkDeletable(pool, blanks);
    // Checked before any change, so a refused update changes nothing.
    for (const attribute of VERIFIABLE) {
      const value = updates[attribute];
      if (value && user.attributes[attribute] !== value && signInNameTaken(pool, user, attribute, value)) {
        throw new CognitoError('AliasExistsException', `An account with the given ${attribute} already exists.`);
      }
    }
    const keepOriginal = pool.config.attributesRequireVerificationBeforeUpdate ?? [];
    const toVerify: { attribute: VerifiableAttribute; value: string }[] = [];
    for (const name of names) {
      const value = updates[name];
      if (value === '') continue;
      const attribute = VERIFIABLE.find(a => a === name);
      if (!attribute || user.attributes[attribute] === value) {
        user.attributes[name] = value;
        continue;
      }
      const autoVerified = pool.config.autoVerifiedAttributes.includes(attribute);
      if (autoVerified) toVerify.push({ attribute, value });
      if (autoVerified && keepOriginal.includes(attribute) && user.attributes[attribute]) {
        // The old value stays active (and verified) until the new one is verified.
        user.pendingAttributes = { ...user.pendingAttributes, [attribute]: value };
      } else {
        user.attributes[attribute] = value;
        user.attributes[`${attribute}_verified`] = 'false';
        const { [attribute]: _p, ...pending } = user.pendingAttributes ?? {};
        user.pendingAttributes = pending;
      }
    }
    deleteAttributes(ctx, user, blanks);
    const deliveries = [];
    for (const { attribute, value } of toVerify) {
      const code = randomDigits(6);
      user.attributeCodes = { ...user.attributeCodes, [attribute]: { code, expiresAt: ctx.now() + ATTRIBUTE_CODE_VALIDITY_MS } };
      deliveries.push(await deliverCode(ctx, pool, user, {
        purpose: 'UPDATE_ATTRIBUTE',
        channel: attribute === 'email' ? 'EMAIL' : 'SMS',
        code,
        destination: value,
        clientId: String(claims.client_id),
        clientMetadata: input.ClientMetadata,
      }));
    }
    return deliveries.length ? { CodeDeliveryDetailsList: deliveries } : {};
  },

  DeleteUserAttributes(ctx, input) {
    const { pool, user, claims } = authenticateAccessToken(ctx, input.AccessToken);
    checkWritable(ctx, String(claims.client_id), input.UserAttributeNames);
    checkDeletable(pool, input.UserAttributeNames);
    deleteAttributes(ctx, user, input.UserAttributeNames);
    return {};
  },

  AdminDeleteUserAttributes(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const user = requireUser(pool, input.Username);
    checkDeletable(pool, input.UserAttributeNames);
    deleteAttributes(ctx, user, input.UserAttributeNames);
    return {};
  },
};
