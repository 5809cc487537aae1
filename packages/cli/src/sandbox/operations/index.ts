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
import { initiateHandlers } from './sign-in/initiate';
import { respondHandlers } from './sign-in/respond';
import { signUpHandlers } from './sign-up';
import { tokenHandlers } from './tokens';
import { userAttributeHandlers } from './user-attributes';
import { userListHandlers } from './user-lists';
import { webAuthnHandlers } from './webauthn';

/** The operations by area, as the README's table of supported operations lists them (scripts/operations-table.ts). */
export const OPERATION_AREAS: readonly { readonly area: string; readonly handlers: HandlerTable }[] = [
  { area: 'Sign-up', handlers: signUpHandlers },
  { area: 'Sign-in', handlers: { ...initiateHandlers, ...respondHandlers } },
  { area: 'Tokens', handlers: tokenHandlers },
  { area: 'MFA', handlers: { ...mfaHandlers, ...authFactorHandlers } },
  { area: 'Passwords', handlers: { ...passwordHandlers, ...adminPasswordResetHandlers } },
  { area: 'Users', handlers: { ...adminUserHandlers, ...userListHandlers } },
  { area: 'User attributes', handlers: { ...userAttributeHandlers, ...attributeVerificationHandlers } },
  { area: 'Groups', handlers: groupHandlers },
  { area: 'Devices', handlers: deviceHandlers },
  { area: 'Federation', handlers: federationHandlers },
  { area: 'Passkeys', handlers: webAuthnHandlers },
  { area: 'Pool and clients', handlers: describeHandlers },
];

/** Every Cognito operation the sandbox answers, by X-Amz-Target operation name. */
export const OPERATIONS: HandlerTable = Object.assign({}, ...OPERATION_AREAS.map(a => a.handlers));
