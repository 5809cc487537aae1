/** Helpers for the flow suite: users, sign-in calls, TOTP codes and SRP sign-in, all through public APIs. */
import { randomBytes } from 'crypto';
import {
  AdminCreateUserCommand, AdminDeleteUserCommand, AdminSetUserPasswordCommand, AssociateSoftwareTokenCommand, AuthenticationResultType,
  ChallengeNameType, InitiateAuthCommandOutput, RespondToAuthChallengeCommandOutput,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { FlowTarget } from './targets';
import { totpCode } from '../support';
import * as signIn from '../support/sign-in';

export { claimsOf, wrongCode } from '../support';

/** Meets the Auth default policy: 12+ characters, lower, upper, digit, symbol. */
export const PASSWORD = 'Flow-Passw0rd!long';

const RUN = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

/**
 * A unique address per run. By default the SES mailbox simulator, which accepts mail (labels after "+"
 * included) without a real inbox, so sign-up and email MFA messages on the aws target go nowhere
 * harmful; FLOW_EMAIL_DOMAIN puts the users on a domain whose mail FLOW_CODE_COMMAND can read.
 */
export const uniqueEmail = (label: string) => {
  const domain = process.env.FLOW_EMAIL_DOMAIN;
  return domain ? `flow-${label}-${RUN}@${domain}` : `success+flow-${label}-${RUN}@simulator.amazonses.com`;
};

/** A phone number for SMS MFA; FLOW_PHONE_NUMBER on the aws target if a real phone should get the codes. */
export const phoneNumber = () => process.env.FLOW_PHONE_NUMBER ?? '+15555550100';

/** Prints why a step does not run on this target (the test itself still passes). */
export function skipStep(target: FlowTarget, reason: string): void {
  console.log(`skipped on ${target.name} target: ${reason}`);
}

/** True when the target can read SMS/email codes; otherwise logs the skip reason. */
export function canReadCode(target: FlowTarget, step: string): boolean {
  if (target.canReadCodes) return true;
  skipStep(target, `${step} needs a code sent by SMS/email, which cannot be read from a real phone or inbox (set FLOW_CODE_COMMAND to provide one)`);
  return false;
}

/** Users created by the suite, deleted at the end so repeated runs against an account stay clean. */
export class Users {
  private readonly created = new Set<string>();

  constructor(private readonly target: FlowTarget) {}

  /** Remembers a user made through SignUp. */
  track(username: string): void {
    this.created.add(username);
  }

  /** An admin-created, confirmed user with a permanent password and verified email (and phone). */
  async create(label: string, options: { phone?: boolean } = {}): Promise<string> {
    const email = uniqueEmail(label);
    const attributes = [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }];
    if (options.phone) attributes.push({ Name: 'phone_number', Value: phoneNumber() }, { Name: 'phone_number_verified', Value: 'true' });
    await this.target.client.send(new AdminCreateUserCommand({
      UserPoolId: this.target.userPoolId, Username: email, UserAttributes: attributes, MessageAction: 'SUPPRESS',
    }));
    this.track(email);
    await this.target.client.send(new AdminSetUserPasswordCommand({
      UserPoolId: this.target.userPoolId, Username: email, Password: PASSWORD, Permanent: true,
    }));
    return email;
  }

  async deleteAll(): Promise<void> {
    for (const username of this.created) {
      await this.target.client.send(new AdminDeleteUserCommand({ UserPoolId: this.target.userPoolId, Username: username })).catch(() => undefined);
    }
    this.created.clear();
  }
}

/** The target as the shared sign-in helpers see it: an SDK client and the app client. */
const poolClient = (target: FlowTarget) => ({ cognito: target.client, clientId: target.clientId });

/** USER_PASSWORD_AUTH; returns tokens or the first challenge. */
export const passwordSignIn = (target: FlowTarget, username: string, password = PASSWORD): Promise<InitiateAuthCommandOutput> =>
  signIn.passwordSignIn(poolClient(target), username, password);

export const respond = (
  target: FlowTarget, challenge: ChallengeNameType, session: string | undefined, responses: Record<string, string>,
): Promise<RespondToAuthChallengeCommandOutput> => signIn.respond(poolClient(target), challenge, session, responses);

/** Signs in a user who has no second factor yet and returns the tokens. */
export const tokensOf = (target: FlowTarget, username: string): Promise<AuthenticationResultType> =>
  signIn.signInTokens(poolClient(target), username, PASSWORD);

/** The authenticator app: the RFC 6238 code (SHA1, 6 digits, 30 s) at the target's current time. */
export const totpNow = (target: FlowTarget, secret: string) => totpCode(secret, target.now());

/** A TOTP code from a time step the pool has not seen used yet. */
export async function freshTotp(target: FlowTarget, secret: string): Promise<string> {
  await target.nextTotpStep();
  return totpNow(target, secret);
}

/** AssociateSoftwareToken + VerifySoftwareToken with the access token; returns the secret. */
export async function enrolTotp(target: FlowTarget, accessToken: string): Promise<string> {
  const { SecretCode } = await target.client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  if (!SecretCode) throw new Error('AssociateSoftwareToken returned no secret');
  const verified = await target.client.send(new VerifySoftwareTokenCommand({
    AccessToken: accessToken, UserCode: totpNow(target, SecretCode), FriendlyDeviceName: 'flow-suite',
  }));
  if (verified.Status !== 'SUCCESS') throw new Error(`VerifySoftwareToken status ${verified.Status}`);
  return SecretCode;
}
