/**
 * sign-up-guard: Pre sign-up trigger that enforces the phone and email-domain policy.
 *
 * Rejecting = throwing: Cognito shows the error message to the caller ("PreSignUp failed with error ...").
 * That is the one intended throw, for well-formed events that violate the policy (or when the policy
 * itself is misconfigured: fail closed). Malformed events are returned unchanged with one warning line.
 */
import { readSignUpPolicy } from './config';
import { checkSignUp, REJECTION_PREFIX } from './policy';
import { isRecord, recordAt, stringAt } from '../runtime/guards';
import { logWarning } from '../runtime/log';
import { DeliberateRejection, safely } from '../runtime/safely';

const SOURCES = new Set(['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider']);

/** The policy rejection Cognito relays to the caller. */
export class SignUpRejectedError extends DeliberateRejection {
  constructor(message: string) {
    super(message);
    this.name = 'SignUpRejectedError';
  }
}

/** Creates the Pre sign-up handler. */
export function createSignUpGuardHandler(): (event: unknown) => Promise<unknown> {
  return safely('sign-up-guard', async event => {
    if (!isRecord(event)) return malformed(event, 'event is not an object');
    const triggerSource = stringAt(event, 'triggerSource');
    if (!triggerSource || !SOURCES.has(triggerSource)) return malformed(event, 'unexpected triggerSource');
    const request = recordAt(event, 'request');
    const attributes = request && recordAt(request, 'userAttributes');
    if (!attributes) return malformed(event, 'request.userAttributes is not an object');

    const policy = readSignUpPolicy();
    if (!policy) throw new SignUpRejectedError(`${REJECTION_PREFIX}sign-up is not available right now.`);
    const rejection = checkSignUp(
      { email: stringAt(attributes, 'email'), phoneNumber: stringAt(attributes, 'phone_number') },
      policy,
      triggerSource === 'PreSignUp_ExternalProvider',
    );
    if (rejection) throw new SignUpRejectedError(rejection);
    return event;
  });
}

function malformed(event: unknown, reason: string): unknown {
  logWarning('sign-up-guard', reason);
  return event;
}
