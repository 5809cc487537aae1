/**
 * Which API operation counts toward which quota category: the developer guide's table "Amazon Cognito
 * user pools per-category request rate quotas", operation for operation (UserFederation lists no API
 * operation: it counts federation endpoint requests). The sandbox's operations are classified from
 * this one table (test/sandbox/quotas-table.test.ts checks that each one is).
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html#category_operations
 */
import { QuotaCategory } from './quotas';

export const DOCUMENTED_CATEGORY_OPERATIONS: { readonly [C in QuotaCategory]: readonly string[] } = {
  // Also token refresh with InitiateAuth and hosted sign-in; RespondToAuthChallenge: see categoryOf.
  UserAuthentication: ['InitiateAuth', 'RespondToAuthChallenge', 'AdminInitiateAuth', 'AdminRespondToAuthChallenge', 'GetTokensFromRefreshToken'],
  UserCreation: ['SignUp', 'ConfirmSignUp', 'AdminCreateUser', 'AdminConfirmSignUp'],
  UserFederation: [],
  UserAccountRecovery: ['ChangePassword', 'ConfirmForgotPassword', 'ForgotPassword', 'AdminResetUserPassword', 'AdminSetUserPassword'],
  UserRead: ['AdminGetUser', 'AdminGetUserAuthFactors', 'GetUser'],
  UserUpdate: [
    'AdminAddUserToGroup', 'AdminDeleteUserAttributes', 'AdminUpdateUserAttributes', 'AdminDeleteUser', 'AdminDisableUser',
    'AdminEnableUser', 'AdminLinkProviderForUser', 'AdminDisableProviderForUser', 'VerifyUserAttribute', 'DeleteUser',
    'DeleteUserAttributes', 'UpdateUserAttributes', 'AdminUserGlobalSignOut', 'GlobalSignOut', 'AdminRemoveUserFromGroup',
  ],
  UserToken: ['RevokeToken'],
  UserResourceRead: [
    'AdminGetDevice', 'AdminListGroupsForUser', 'AdminListDevices', 'GetDevice', 'ListDevices',
    'GetUserAttributeVerificationCode', 'ResendConfirmationCode', 'AdminListUserAuthEvents',
  ],
  UserResourceUpdate: [
    'AdminForgetDevice', 'AdminUpdateAuthEventFeedback', 'AdminSetUserMFAPreference', 'AdminDeleteSoftwareToken',
    'AdminSetUserSettings', 'AdminUpdateDeviceStatus', 'UpdateDeviceStatus', 'UpdateAuthEventFeedback', 'ConfirmDevice',
    'SetUserMFAPreference', 'SetUserSettings', 'VerifySoftwareToken', 'AssociateSoftwareToken', 'ForgetDevice',
  ],
  UserList: ['ListUsers', 'ListUsersInGroup'],
  UserPoolRead: ['DescribeUserPool', 'ListUserPools'],
  UserPoolUpdate: ['CreateUserPool', 'UpdateUserPool', 'DeleteUserPool'],
  UserPoolResourceRead: [
    'DescribeIdentityProvider', 'DescribeResourceServer', 'DescribeUserImportJob', 'DescribeUserPoolDomain', 'GetCSVHeader',
    'GetGroup', 'GetSigningCertificate', 'GetIdentityProviderByIdentifier', 'GetUserPoolMfaConfig', 'ListGroups',
    'ListIdentityProviders', 'ListResourceServers', 'ListTagsForResource', 'ListUserImportJobs', 'DescribeRiskConfiguration',
    'GetUICustomization', 'DescribeManagedLoginBranding', 'DescribeManagedLoginBrandingByClient',
  ],
  UserPoolResourceUpdate: [
    'AddCustomAttributes', 'CreateGroup', 'CreateIdentityProvider', 'CreateResourceServer', 'CreateUserImportJob',
    'CreateUserPoolDomain', 'DeleteGroup', 'DeleteIdentityProvider', 'DeleteResourceServer', 'DeleteUserPoolDomain',
    'SetUserPoolMfaConfig', 'StartUserImportJob', 'StopUserImportJob', 'UpdateGroup', 'UpdateIdentityProvider',
    'UpdateResourceServer', 'UpdateUserPoolDomain', 'SetRiskConfiguration', 'SetUICustomization', 'TagResource',
    'UntagResource', 'CreateManagedLoginBranding', 'UpdateManagedLoginBranding', 'DeleteManagedLoginBranding',
  ],
  UserPoolClientRead: ['DescribeUserPoolClient', 'ListUserPoolClients'],
  UserPoolClientUpdate: ['CreateUserPoolClient', 'DeleteUserPoolClient', 'UpdateUserPoolClient'],
  ClientAuthentication: ['GetClientToken'],
  LimitManagement: ['GetProvisionedLimit', 'UpdateProvisionedLimit'],
};

/**
 * Operations the sandbox answers that the table does not list, and the category the sandbox counts
 * them in (its choice, by the category's description): reading a user's sign-in factors is UserRead,
 * as AdminGetUserAuthFactors is; passkeys are a user resource, as devices and MFA settings are.
 */
export const UNLISTED_OPERATION_CATEGORIES: { readonly [operation: string]: QuotaCategory } = {
  GetUserAuthFactors: 'UserRead',
  ListWebAuthnCredentials: 'UserResourceRead',
  StartWebAuthnRegistration: 'UserResourceUpdate',
  CompleteWebAuthnRegistration: 'UserResourceUpdate',
  DeleteWebAuthnCredential: 'UserResourceUpdate',
};

const BY_OPERATION = new Map<string, QuotaCategory>([
  ...Object.entries(DOCUMENTED_CATEGORY_OPERATIONS).flatMap(([category, operations]) => operations.map(o => [o, category as QuotaCategory] as const)),
  ...Object.entries(UNLISTED_OPERATION_CATEGORIES),
]);

/** The challenge responses with their own allowance (CHALLENGE_RESPONSE_FACTOR x UserAuthentication). */
export const CHALLENGE_RESPONSES = 'UserAuthentication challenge responses';

/** Authorization codes redeemed at /oauth2/token: an allocation of their own at the UserAuthentication rate (the table's note 2). */
export const CODE_REDEMPTIONS = 'UserAuthentication code redemptions';

/** What a call is counted as: a category, or one of UserAuthentication's own allowances. */
export type QuotaCounter = QuotaCategory | typeof CHALLENGE_RESPONSES | typeof CODE_REDEMPTIONS;

/**
 * What a /oauth2/token request counts toward, by its grant: a refresh toward UserAuthentication
 * ("token refresh with InitiateAuth or the token endpoint"), client_credentials toward
 * ClientAuthentication, an authorization code toward its own allocation. Undefined for another grant
 * (refused before it is counted).
 */
export function tokenGrantCounter(grantType: unknown): QuotaCounter | undefined {
  if (grantType === 'refresh_token') return 'UserAuthentication';
  if (grantType === 'client_credentials') return 'ClientAuthentication';
  if (grantType === 'authorization_code') return CODE_REDEMPTIONS;
  return undefined;
}

/**
 * The category a call counts toward. A NEW_PASSWORD_REQUIRED response counts toward
 * UserAccountRecovery (the table's note 1); other challenge responses take the challenge allowance.
 * Undefined for an operation in no category.
 */
export function categoryOf(operation: string, challengeName?: unknown): QuotaCounter | undefined {
  if (operation === 'RespondToAuthChallenge' || operation === 'AdminRespondToAuthChallenge') {
    return challengeName === 'NEW_PASSWORD_REQUIRED' ? 'UserAccountRecovery' : CHALLENGE_RESPONSES;
  }
  return BY_OPERATION.get(operation);
}
