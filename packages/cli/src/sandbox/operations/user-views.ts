import { epoch } from './handler';
import { UserRecord } from '../core/records';
import { attributeList } from '../model/users';

/** UserType as ListUsers and AdminCreateUser return it. */
export const userType = (u: UserRecord) => ({
  Username: u.username,
  Attributes: attributeList(u),
  UserCreateDate: epoch(u.createdAt),
  UserLastModifiedDate: epoch(u.updatedAt),
  Enabled: u.enabled,
  UserStatus: u.status,
});

/** The MFA part of GetUser / AdminGetUser. */
export const mfaView = (u: UserRecord) => ({
  ...(u.preferredMfa ? { PreferredMfaSetting: u.preferredMfa } : {}),
  ...(u.mfaEnabled.length ? { UserMFASettingList: [...u.mfaEnabled] } : {}),
});
