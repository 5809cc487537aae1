/**
 * Errors the sandbox returns, named exactly as Cognito names them so the AWS SDK maps
 * them to its typed exception classes (`__type` in a JSON 1.1 error body).
 */
export class CognitoError extends Error {
  constructor(public readonly type: string, message: string, public readonly status = 400) {
    super(message);
    this.name = type;
  }
}

export const notAuthorized = (message: string) => new CognitoError('NotAuthorizedException', message);
export const invalidParameter = (message: string) => new CognitoError('InvalidParameterException', message);
export const resourceNotFound = (message: string) => new CognitoError('ResourceNotFoundException', message);
export const codeMismatch = (message = 'Invalid code received for user') => new CognitoError('CodeMismatchException', message);
export const expiredCode = (message: string) => new CognitoError('ExpiredCodeException', message);
export const userNotFound = () => new CognitoError('UserNotFoundException', 'User does not exist.');

export const INVALID_SESSION = 'Invalid session for the user.';
export const EXPIRED_SESSION = 'Invalid session for the user, session is expired.';
export const BAD_CREDENTIALS = 'Incorrect username or password.';

/** Raised for operations the sandbox does not emulate, so callers see what is missing. */
export const unsupported = (operation: string) =>
  new CognitoError('UnsupportedOperationException', `The sandbox does not support the operation ${operation}.`);

/** Cognito's answer once a user has spent the attempts it allows for a code. */
export const attemptLimitExceeded = () => new CognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
