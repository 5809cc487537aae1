/**
 * The Cognito error types the sandbox returns (`__type`), each as Cognito spells it: the AWS SDK maps
 * them to its exception classes. A name not listed here does not compile; add it when the sandbox
 * starts to return it. The IAM ones (signature, token, client) come from the SigV4 check.
 */
export type CognitoErrorName =
  | 'AliasExistsException'
  | 'CodeMismatchException'
  | 'EnableSoftwareTokenMFAException'
  | 'ExpiredCodeException'
  | 'GroupExistsException'
  | 'IncompleteSignatureException'
  | 'InternalErrorException'
  | 'InvalidLambdaResponseException'
  | 'InvalidParameterException'
  | 'InvalidPasswordException'
  | 'InvalidSignatureException'
  | 'LimitExceededException'
  | 'MFAMethodNotFoundException'
  | 'MissingAuthenticationTokenException'
  | 'NotAuthorizedException'
  | 'PasswordHistoryPolicyViolationException'
  | 'PasswordResetRequiredException'
  | 'ResourceNotFoundException'
  | 'SerializationException'
  | 'SoftwareTokenMFANotFoundException'
  | 'TooManyRequestsException'
  | 'UnauthorizedException'
  | 'UnexpectedLambdaException'
  | 'UnknownOperationException'
  | 'UnrecognizedClientException'
  | 'UnsupportedOperationException'
  | 'UnsupportedTokenTypeException'
  | 'UnsupportedUserStateException'
  | 'UserLambdaValidationException'
  | 'UserNotConfirmedException'
  | 'UserNotFoundException'
  | 'UsernameExistsException'
  | 'WebAuthnChallengeNotFoundException'
  | 'WebAuthnConfigurationMissingException'
  | 'WebAuthnCredentialNotSupportedException'
  | 'WebAuthnNotEnabledException'
  | 'WebAuthnOriginNotAllowedException'
  | 'WebAuthnRelyingPartyMismatchException';

/**
 * Errors the sandbox returns, named exactly as Cognito names them so the AWS SDK maps
 * them to its typed exception classes (`__type` in a JSON 1.1 error body).
 */
export class CognitoError extends Error {
  constructor(public readonly type: CognitoErrorName, message: string, public readonly status = 400) {
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
