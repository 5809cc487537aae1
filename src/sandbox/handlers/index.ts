import { adminPasswordResetHandlers } from './admin-password-reset';
import { adminUserHandlers } from './admin-users';
import { attributeVerificationHandlers } from './attribute-verification';
import { authFactorHandlers } from './auth-factors';
import { describeHandlers } from './describe';
import { deviceHandlers } from './devices';
import { federationHandlers } from './federation';
import { groupHandlers } from './groups';
import { HandlerTable } from './handler';
import { mfaHandlers } from './mfa';
import { passwordHandlers } from './passwords';
import { signUpHandlers } from './sign-up';
import { tokenHandlers } from './tokens';
import { userAttributeHandlers } from './user-attributes';
import { userListHandlers } from './user-lists';
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
  ...userAttributeHandlers,
  ...tokenHandlers,
  ...describeHandlers,
  ...userListHandlers,
  ...adminPasswordResetHandlers,
  ...authFactorHandlers,
};
