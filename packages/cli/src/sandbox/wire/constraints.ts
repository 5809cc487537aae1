/**
 * Value constraints of the Cognito API that the SDK's client-side schema leaves out (Smithy's
 * length, pattern, range and enum traits), for the members the sandbox reads. Values are copied
 * from the Amazon Cognito API reference; enum values come from the SDK's own enum objects.
 * A member not listed here is only type-checked.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_Operations.html
 */
import {
  AuthFlowType, ChallengeNameType, DeliveryMediumType, DeviceRememberedStatusType, MessageActionType, UserPoolMfaType,
} from '@aws-sdk/client-cognito-identity-provider';

export interface Constraint {
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Anchored to the whole value; `u` flag so \p{...} classes work. */
  readonly pattern?: string;
  readonly min?: number;
  readonly max?: number;
  readonly oneOf?: readonly string[];
}

/** Cognito's name pattern for usernames, group names and attribute names. */
const NAME = '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+';
const NO_SPACE = '[\\S]+';

const USER_POOL_ID: Constraint = { minLength: 1, maxLength: 55, pattern: '[\\w-]+_[0-9a-zA-Z]+' };
const CLIENT_ID: Constraint = { minLength: 1, maxLength: 128, pattern: '[\\w+]+' };
const USERNAME: Constraint = { minLength: 1, maxLength: 128, pattern: NAME };
const PASSWORD: Constraint = { maxLength: 256 };
const CODE: Constraint = { minLength: 1, maxLength: 2048, pattern: NO_SPACE };
const TOKEN: Constraint = { pattern: '[A-Za-z0-9-_=.]+' };

/**
 * By member name, or `Structure.Member` where one name means different things. The structure
 * name is the SDK schema's (e.g. `AttributeType`).
 */
export const CONSTRAINTS: Readonly<Record<string, Constraint>> = {
  'UserPoolId': USER_POOL_ID,
  'ClientId': CLIENT_ID,
  'Username': USERNAME,
  'Password': PASSWORD,
  'TemporaryPassword': PASSWORD,
  'PreviousPassword': PASSWORD,
  'ProposedPassword': PASSWORD,
  'ConfirmationCode': CODE,
  'Code': CODE,
  'UserCode': { minLength: 6, maxLength: 6, pattern: '[0-9]+' },
  'Session': { minLength: 20, maxLength: 2048 },
  'AccessToken': TOKEN,
  'DeviceKey': { minLength: 1, maxLength: 55, pattern: '[\\w-]+_[0-9a-f-]+' },
  'DeviceName': { minLength: 1, maxLength: 1024 },
  'FriendlyDeviceName': { minLength: 0, maxLength: 131072 },
  'GroupName': { minLength: 1, maxLength: 128, pattern: NAME },
  'Description': { maxLength: 2048 },
  'Precedence': { min: 0, max: 2147483647 },
  'AttributeName': { minLength: 1, maxLength: 32, pattern: NAME },
  'AttributeType.Name': { minLength: 1, maxLength: 32, pattern: NAME },
  'AttributeType.Value': { maxLength: 2048 },
  'Filter': { maxLength: 256 },
  'PaginationToken': { minLength: 1, pattern: NO_SPACE },
  'ListUsersRequest.Limit': { min: 0, max: 60 },
  'ListGroupsRequest.Limit': { min: 1, max: 60 },
  'Limit': { min: 0, max: 60 },
  'SmsAuthenticationMessage': { minLength: 6, maxLength: 140 },
  'EmailMfaConfigType.Message': { minLength: 6, maxLength: 20000 },
  'EmailMfaConfigType.Subject': { minLength: 1, maxLength: 140 },
  'AuthFlow': { oneOf: Object.values(AuthFlowType) },
  'ChallengeName': { oneOf: Object.values(ChallengeNameType) },
  'MessageAction': { oneOf: Object.values(MessageActionType) },
  'DesiredDeliveryMediums.member': { oneOf: Object.values(DeliveryMediumType) },
  'DeviceRememberedStatus': { oneOf: Object.values(DeviceRememberedStatusType) },
  'MfaConfiguration': { oneOf: Object.values(UserPoolMfaType) },
};

const patterns = new Map<string, RegExp>();
const patternOf = (source: string) => {
  let re = patterns.get(source);
  if (!re) {
    re = new RegExp(`^(?:${source})$`, 'u');
    patterns.set(source, re);
  }
  return re;
};

/** The first rule `value` breaks, worded as Cognito words it, or undefined. */
export function violation(c: Constraint, value: unknown): string | undefined {
  if (typeof value === 'string') {
    // Cognito counts characters (code points), not UTF-16 units.
    const length = [...value].length;
    if (c.minLength !== undefined && length < c.minLength) return `Member must have length greater than or equal to ${c.minLength}`;
    if (c.maxLength !== undefined && length > c.maxLength) return `Member must have length less than or equal to ${c.maxLength}`;
    if (c.pattern && !patternOf(c.pattern).test(value)) return `Member must satisfy regular expression pattern: ${c.pattern}`;
    if (c.oneOf && !c.oneOf.includes(value)) return `Member must satisfy enum value set: [${c.oneOf.join(', ')}]`;
  }
  if (typeof value === 'number') {
    if (c.min !== undefined && value < c.min) return `Member must have value greater than or equal to ${c.min}`;
    if (c.max !== undefined && value > c.max) return `Member must have value less than or equal to ${c.max}`;
  }
  return undefined;
}
