import { adminUserHandlers } from './admin-users';
import { attributeVerificationHandlers } from './attribute-verification';
import { deviceHandlers } from './devices';
import { federationHandlers } from './federation';
import { groupHandlers } from './groups';
import { HandlerTable } from './handler';
import { mfaHandlers } from './mfa';
import { passwordHandlers } from './passwords';
import { signUpHandlers } from './sign-up';
import { webAuthnHandlers } from './webauthn';
import { initiateHandlers } from '../auth/initiate';
import { respondHandlers } from '../auth/respond';

/** Every Cognito operation the sandbox answers, by X-Amz-Target operation name. */
export const OPERATIONS: HandlerTable = {
  ...signUpHandlers,
  ...adminUserHandlers,
  ...groupHandlers,
  ...initiateHandlers,
  ...respondHandlers,
  ...mfaHandlers,
  ...passwordHandlers,
  ...deviceHandlers,
  ...attributeVerificationHandlers,
  ...federationHandlers,
  ...webAuthnHandlers,
};
