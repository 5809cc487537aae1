import { clientDisplayName } from './names';
import { passwordHint } from './views';
import { BAD_CREDENTIALS, CognitoError, EXPIRED_SESSION, INVALID_SESSION } from '../../core/errors';
import { ClientConfig, PasswordPolicy } from '../../core/pool-config';
import { PoolRuntime } from '../../model/context';

/**
 * What a page tells the person when an operation fails, in the words of Cognito's hosted pages
 * rather than the API's. Where the hosted UI shows Cognito's own sentence (wrong password, unknown
 * user, a wrong or expired code, the attempt limit, an existing account) the page shows that
 * sentence too. Where Cognito's text is for developers (password policy details, parameter
 * validation, trigger and internal failures) and managed login's exact wording is not published,
 * the page says it in plain words of ours; the raw API error goes to the developer log
 * (see {@link explainError}).
 */
export function pageErrorMessage(e: CognitoError, policy: PasswordPolicy): string {
  switch (e.type) {
    case 'NotAuthorizedException':
      if (e.message === BAD_CREDENTIALS) return BAD_CREDENTIALS;
      if (e.message === 'User is disabled.') return 'Your account is disabled.';
      if (e.message.startsWith('Password attempts exceeded')) return 'Too many failed attempts. Wait a while, then try again.';
      if (e.message === INVALID_SESSION || e.message === EXPIRED_SESSION) return 'Your sign-in session has expired. Sign in again.';
      if (e.message.startsWith('User cannot be confirmed')) return 'This account is already confirmed. Sign in.';
      return 'We could not sign you in. Sign in again.';
    case 'UserNotFoundException':
      return 'User does not exist.';
    case 'InvalidPasswordException':
      if (e.message.includes('differ from the old')) return 'Choose a password different from your current one.';
      return passwordRequirements(policy);
    case 'PasswordHistoryPolicyViolationException':
      return 'You have used this password before. Choose a different one.';
    case 'CodeMismatchException':
    case 'EnableSoftwareTokenMFAException':
      return 'Invalid verification code provided, please try again.';
    case 'ExpiredCodeException':
      return 'Invalid code provided, please request a code again.';
    case 'LimitExceededException':
      return 'Attempt limit exceeded, please try after some time.';
    case 'TooManyRequestsException':
      return 'Too many requests. Wait a moment, then try again.';
    case 'UsernameExistsException':
    case 'AliasExistsException':
      return /^An account with the given [\w ]+ already exists\.$/.test(e.message) ? e.message : 'An account with this username already exists.';
    case 'UserLambdaValidationException':
      // A trigger's refusal: its own reason is written for the person (e.g. "Sign-ups from this domain are closed").
      return triggerReason(e.message) ?? 'Your request was refused. Try again.';
    case 'InvalidParameterException':
      if (/^Invalid (email address|phone number) format\.$/.test(e.message)) return e.message;
      if (e.message === 'Scan the QR code first.') return e.message;
      return 'Check what you entered and try again.';
    default:
      return 'Something went wrong. Try again; if it keeps failing, go back to the app and sign in again.';
  }
}

/** The password rules of the pool as one sentence, the way the pages' hints word them. */
export function passwordRequirements(policy: PasswordPolicy): string {
  const hint = passwordHint(policy);
  return `Your password does not meet the requirements: ${hint.charAt(0).toLowerCase()}${hint.slice(1)}`;
}

/** `PreSignUp failed with error <reason>.` → the reason. */
function triggerReason(message: string): string | undefined {
  const reason = /^\w+ failed with error (.+?)\.?$/s.exec(message)?.[1]?.trim();
  return reason ? `${reason.replace(/\.$/, '')}.` : undefined;
}

/**
 * A failed step of a page, both halves: the developer's (the API's error type and message, which
 * never carry a password or a code, with the page and client, in the sandbox's log) and the
 * person's (the page's wording, returned).
 */
export function explainError(log: (line: string) => void, pool: PoolRuntime, client: ClientConfig, page: string, e: CognitoError): string {
  log(`hosted page /${page} (app client ${clientDisplayName(client)}): ${e.type}: ${e.message}`);
  return pageErrorMessage(e, pool.config.passwordPolicy);
}
