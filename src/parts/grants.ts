/**
 * Scoped sets of Cognito permissions for functions and roles that call the user pool.
 */
export enum AuthPermission {
  /** Read users, their groups and MFA settings (AdminGetUser, ListUsers, ...). */
  READ_USERS = 'READ_USERS',
  /** Create, change, disable and delete users and their group memberships. */
  MANAGE_USERS = 'MANAGE_USERS',
  /** Change users' MFA settings and remembered devices, sign users out everywhere. */
  MANAGE_MFA = 'MANAGE_MFA',
}

/** The IAM actions behind each permission set, all scoped to the one user pool. */
export const PERMISSION_ACTIONS: Record<AuthPermission, string[]> = {
  [AuthPermission.READ_USERS]: [
    'cognito-idp:AdminGetUser',
    'cognito-idp:ListUsers',
    'cognito-idp:ListUsersInGroup',
    'cognito-idp:AdminListGroupsForUser',
  ],
  [AuthPermission.MANAGE_USERS]: [
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminCreateUser',
    'cognito-idp:AdminDeleteUser',
    'cognito-idp:AdminUpdateUserAttributes',
    'cognito-idp:AdminDisableUser',
    'cognito-idp:AdminEnableUser',
    'cognito-idp:AdminAddUserToGroup',
    'cognito-idp:AdminRemoveUserFromGroup',
    'cognito-idp:AdminResetUserPassword',
    'cognito-idp:AdminConfirmSignUp',
  ],
  [AuthPermission.MANAGE_MFA]: [
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminSetUserMFAPreference',
    'cognito-idp:AdminListDevices',
    'cognito-idp:AdminForgetDevice',
    'cognito-idp:AdminUpdateDeviceStatus',
    'cognito-idp:AdminUserGlobalSignOut',
  ],
};

/** Sorted, de-duplicated actions for a list of permission sets. */
export function actionsFor(permissions: AuthPermission[]): string[] {
  return [...new Set(permissions.flatMap(p => PERMISSION_ACTIONS[p]))].sort();
}
