/**
 * Choice-based sign-in (USER_AUTH) for a user who does not exist, when the app client hides user
 * existence (PreventUserExistenceErrors: ENABLED). Cognito's developer guide ("Managing user
 * existence error responses") says Cognito answers such a request with a challenge picked at random
 * from the challenge types the pool allows: a passkey, one-time password or password challenge. The
 * sandbox therefore answers one challenge, never SELECT_CHALLENGE with every allowed factor:
 * - PREFERRED_CHALLENGE, when the pool allows it (the docs are silent; a real user would get it):
 *   PASSWORD with a PASSWORD fails at once as a wrong password, PASSWORD_SRP gets SRP's decoy
 *   PASSWORD_VERIFIER, the others a decoy challenge of their kind;
 * - otherwise one of the pool's first factors at random: WEB_AUTHN, EMAIL_OTP, SMS_OTP or PASSWORD.
 * A decoy challenge carries what a real one does (a masked destination, passkey request options) and
 * sends nothing; every answer to it fails as a wrong one would (CodeMismatchException, a refused
 * passkey, "Incorrect username or password.").
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html
 */
import { randomInt } from 'crypto';
import type { StartArgs } from './initiate';
import { SandboxContext } from '../../model/context';
import { simulatedDelivery } from '../../model/messages';
import { decoyAuthenticationOptions } from '../../model/webauthn';

/** The factors a decoy can stand for; the password one is asked as a PASSWORD challenge. */
const DECOYS = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];

/**
 * The factor to answer with: the preferred one if the pool allows it, else a random one of
 * `allowed` (the pool's first factors, PASSWORD_SRP folded into PASSWORD).
 */
export function decoyFactor(allowed: string[], preferred: string | undefined): string {
  if (preferred && allowed.includes(preferred)) return preferred;
  const choices = DECOYS.filter(f => allowed.includes(f));
  return choices[randomInt(choices.length)];
}

/** A decoy challenge of `factor` for the unknown name in `a.params.USERNAME`: a session no answer passes. */
export async function decoyChallenge(ctx: SandboxContext, a: StartArgs, factor: string) {
  const username = String(a.params.USERNAME ?? '');
  let params: Record<string, string> = {};
  let webAuthn: { challenge: string; relyingPartyId: string } | undefined;
  if (factor === 'EMAIL_OTP' || factor === 'SMS_OTP') {
    const delivery = simulatedDelivery(a.pool, username, factor === 'EMAIL_OTP' ? 'EMAIL' : 'SMS');
    params = { CODE_DELIVERY_DELIVERY_MEDIUM: delivery.DeliveryMedium, CODE_DELIVERY_DESTINATION: delivery.Destination };
  } else if (factor === 'WEB_AUTHN') {
    const { options, rpId } = await decoyAuthenticationOptions(a.pool, ctx.region, username);
    params = { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) };
    webAuthn = { challenge: options.challenge, relyingPartyId: rpId };
  }
  const session = ctx.sessions.create({
    poolId: a.pool.config.id,
    clientId: a.client.id,
    username: '',
    challenge: factor,
    expiresAt: ctx.now() + a.client.authSessionValiditySeconds * 1000,
    admin: a.admin,
    clientMetadata: a.clientMetadata,
    ...(webAuthn ? { webAuthn } : {}),
  });
  return { ChallengeName: factor, Session: session, ChallengeParameters: { USER_ID_FOR_SRP: username, ...params } };
}
