import { createHash } from 'crypto';
import { PoolRuntime, SandboxContext } from './context';
import { maskDestination } from './users';
import { UserRecord } from '../core/records';
import { encryptSenderCode } from '../crypto/sender-code';

export type Channel = 'SMS' | 'EMAIL';

export interface CodeDelivery {
  readonly purpose: 'SIGN_UP' | 'RESEND_CODE' | 'MFA' | 'ADMIN_CREATE_USER' | 'FORGOT_PASSWORD' | 'VERIFY_ATTRIBUTE' | 'UPDATE_ATTRIBUTE';
  readonly channel: Channel;
  /** The code, or the temporary password for invitations. */
  readonly code: string;
  readonly clientId?: string;
  readonly clientMetadata?: Record<string, string>;
  /** Where to send it when not the user's current email/phone: a new value waiting for verification. */
  readonly destination?: string;
}

const TRIGGER_SOURCE: Record<CodeDelivery['purpose'], string> = {
  SIGN_UP: 'CustomMessage_SignUp',
  RESEND_CODE: 'CustomMessage_ResendCode',
  MFA: 'CustomMessage_Authentication',
  ADMIN_CREATE_USER: 'CustomMessage_AdminCreateUser',
  FORGOT_PASSWORD: 'CustomMessage_ForgotPassword',
  VERIFY_ATTRIBUTE: 'CustomMessage_VerifyUserAttribute',
  UPDATE_ATTRIBUTE: 'CustomMessage_UpdateUserAttribute',
};

/** The custom sender trigger sources' suffix per message (CustomEmailSender_SignUp, CustomSMSSender_Authentication, ...). */
const SENDER_SOURCE: Record<CodeDelivery['purpose'], string> = {
  SIGN_UP: 'SignUp',
  RESEND_CODE: 'ResendCode',
  MFA: 'Authentication',
  ADMIN_CREATE_USER: 'AdminCreateUser',
  FORGOT_PASSWORD: 'ForgotPassword',
  VERIFY_ATTRIBUTE: 'VerifyUserAttribute',
  UPDATE_ATTRIBUTE: 'UpdateUserAttribute',
};

/** Picks the channel for a verification code: the phone when it is auto-verified, else the email. */
export function verificationChannel(pool: PoolRuntime, user: UserRecord): Channel | undefined {
  const auto = pool.config.autoVerifiedAttributes;
  if (auto.includes('phone_number') && user.attributes.phone_number) return 'SMS';
  if (auto.includes('email') && user.attributes.email) return 'EMAIL';
  return undefined;
}

/**
 * Renders the pool's message template (or the CustomMessage trigger's) and drops it in the
 * outbox. Returns CodeDeliveryDetails as Cognito reports them.
 */
export async function deliverCode(ctx: SandboxContext, pool: PoolRuntime, user: UserRecord, d: CodeDelivery) {
  const destination = d.destination ?? (d.channel === 'SMS' ? user.attributes.phone_number : user.attributes.email);
  const delivery = {
    Destination: maskDestination(destination, d.channel),
    DeliveryMedium: d.channel,
    AttributeName: d.channel === 'SMS' ? 'phone_number' : 'email',
  };
  if (await sentByCustomSender(ctx, pool, user, d, destination)) return delivery;
  let { sms, email, subject } = templateFor(pool, d.purpose);
  const custom = await ctx.triggers.invoke(pool.config, {
    trigger: 'CustomMessage',
    triggerSource: TRIGGER_SOURCE[d.purpose],
    username: user.username,
    clientId: d.clientId,
    request: {
      userAttributes: { sub: user.sub, ...user.attributes },
      codeParameter: '{####}',
      usernameParameter: d.purpose === 'ADMIN_CREATE_USER' ? '{username}' : null,
      linkParameter: '{##Click Here##}',
      clientMetadata: d.clientMetadata ?? {},
    },
  });
  if (custom) {
    sms = custom.smsMessage ?? sms;
    email = custom.emailMessage ?? email;
    subject = custom.emailSubject ?? subject;
  }
  const fill = (text: string) => text.split('{####}').join(d.code).split('{username}').join(user.username);
  ctx.outbox.deliver({
    poolId: pool.config.id,
    username: user.username,
    sub: user.sub,
    aliases: [user.attributes.email, user.attributes.phone_number].filter((a): a is string => Boolean(a)),
    channel: d.channel,
    destination,
    purpose: d.purpose,
    subject: d.channel === 'EMAIL' ? fill(subject) : undefined,
    message: fill(d.channel === 'SMS' ? sms : email),
    code: d.code,
  });
  return delivery;
}

/**
 * Hands the message to the pool's custom sender trigger for its channel (CustomEmailSender,
 * CustomSMSSender), as Cognito does: the event carries the code encrypted under the pool's KMS
 * key (sender-code.ts), the sandbox sends nothing itself and the outbox gets nothing. Returns
 * false when the pool has no sender for the channel. The CustomMessage trigger is not asked first:
 * the sender writes its own message (Cognito's guide is silent; the sandbox's choice). A sender
 * whose code cannot run here is skipped with a log line and the message goes to the outbox.
 */
async function sentByCustomSender(
  ctx: SandboxContext, pool: PoolRuntime, user: UserRecord, d: CodeDelivery, destination: string | undefined,
): Promise<boolean> {
  const trigger = d.channel === 'SMS' ? 'CustomSMSSender' : 'CustomEmailSender';
  const fn = ctx.triggers.functionOf(pool.config, trigger);
  if (!fn) return false;
  const keyArn = pool.config.customSenderKeyArn;
  if (!fn.codeDir || !keyArn) {
    ctx.log(`trigger ${trigger} (${fn.logicalId}) skipped: ${fn.missingReason ?? 'no KMS key'}; the message goes to the outbox`);
    return false;
  }
  const triggerSource = `${trigger}_${SENDER_SOURCE[d.purpose]}`;
  // A change waiting for verification goes to the new value: the function reads where to send from userAttributes.
  const attribute = d.channel === 'SMS' ? 'phone_number' : 'email';
  await ctx.triggers.invoke(pool.config, {
    trigger,
    triggerSource,
    username: user.username,
    clientId: d.clientId,
    request: {
      type: d.channel === 'SMS' ? 'customSMSSenderRequestV1' : 'customEmailSenderRequestV1',
      code: await encryptSenderCode(ctx.kms, keyArn, d.code),
      clientMetadata: d.clientMetadata ?? {},
      userAttributes: { sub: user.sub, ...user.attributes, ...(destination ? { [attribute]: destination } : {}) },
    },
  });
  ctx.log(`${trigger} (${fn.logicalId}) got ${triggerSource} for ${user.username} (the code is encrypted under ${keyArn}; nothing went to the outbox)`);
  return true;
}

function templateFor(pool: PoolRuntime, purpose: CodeDelivery['purpose']) {
  const c = pool.config;
  switch (purpose) {
    case 'MFA': return { sms: c.smsAuthenticationMessage, email: c.emailAuthenticationMessage, subject: c.emailAuthenticationSubject };
    case 'ADMIN_CREATE_USER': return { sms: c.invite.smsMessage, email: c.invite.emailMessage, subject: c.invite.emailSubject };
    default: return { sms: c.verification.smsMessage, email: c.verification.emailMessage, subject: c.verification.emailSubject };
  }
}

/**
 * CodeDeliveryDetails for a user that does not exist, when the app client hides user existence
 * (PreventUserExistenceErrors): nothing is sent. Cognito picks the simulated medium "by the
 * username input format and the user pool's verification settings"; the sandbox sends an email-like
 * name to EMAIL and a phone-like one to SMS, masked as a real destination would be, and any other
 * name to the pool's auto-verified channel (phone first, as for real users) at a masked destination
 * made from the name, so asking twice answers the same, as it would for a real user.
 */
export function simulatedDelivery(pool: PoolRuntime, username: string, only?: Channel) {
  const named: Channel | undefined = username.includes('@') ? 'EMAIL' : /^\+\d{6,}$/.test(username) ? 'SMS' : undefined;
  // A channel the caller requires (a passwordless code's) wins; a name of the other kind then only seeds a made-up address.
  const looksLike = only && named !== only ? undefined : named;
  const auto = pool.config.autoVerifiedAttributes;
  const channel: Channel = only ?? looksLike ?? (auto.includes('phone_number') || !auto.includes('email') && pool.config.usernameAttributes.includes('phone_number') ? 'SMS' : 'EMAIL');
  const digest = createHash('sha256').update(`${pool.config.id}\u0000${username}`).digest();
  const made = channel === 'SMS' ? `+1555${String(digest.readUInt32BE(0) % 10_000_000).padStart(7, '0')}` : `${'abcdefghijklmnopqrstuvwxyz'[digest[0] % 26]}@${'abcdefghijklmnopqrstuvwxyz'[digest[1] % 26]}.com`;
  const destination = looksLike ? username : made;
  return { Destination: maskDestination(destination, channel), DeliveryMedium: channel, AttributeName: channel === 'SMS' ? 'phone_number' : 'email' };
}
