/**
 * ListUsers (with Cognito's Filter syntax) and ListUsersInGroup, one page at a time.
 *
 * Filter: `AttributeName = "value"` (exact) or `AttributeName ^= "prefix"` (starts with), on the
 * attributes Cognito allows: username (case-sensitive), email, phone_number, name, given_name,
 * family_name, preferred_username, cognito:user_status (also written `status` in the console's
 * sense of UserStatus, which Cognito documents as `cognito:user_status`), status (Enabled/Disabled)
 * and sub. Any other attribute, another operator, or a malformed filter is an InvalidParameterException.
 * An empty filter lists everyone.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html
 */
import { groupsOf } from './groups';
import { HandlerTable } from './handler';
import { userType } from './user-views';
import { poolById } from '../context';
import { invalidParameter, resourceNotFound } from '../errors';
import { paginate } from '../pagination';
import { UserRecord } from '../types';
import { allUsers } from '../users';

/** Attribute name in a filter to how a user's value is read. */
const SEARCHABLE: Record<string, (u: UserRecord) => string | undefined> = {
  'username': u => u.username,
  'email': u => u.attributes.email,
  'phone_number': u => u.attributes.phone_number,
  'name': u => u.attributes.name,
  'given_name': u => u.attributes.given_name,
  'family_name': u => u.attributes.family_name,
  'preferred_username': u => u.attributes.preferred_username,
  'cognito:user_status': u => u.status,
  'status': u => (u.enabled ? 'Enabled' : 'Disabled'),
  'sub': u => u.sub,
};

/** A filter as a predicate; the value may contain `\"` for a quote. */
export function userFilter(filter: string | undefined): (u: UserRecord) => boolean {
  if (!filter || filter.trim() === '') return () => true;
  const m = /^\s*([\w:]+)\s*(\^=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!m) throw invalidParameter(`Invalid search filter: ${filter}. Write attribute = "value" or attribute ^= "prefix".`);
  const [, attribute, operator, quoted] = m;
  const read = Object.prototype.hasOwnProperty.call(SEARCHABLE, attribute) ? SEARCHABLE[attribute] : undefined;
  if (!read) throw invalidParameter(`Invalid search attribute: ${attribute}. Cognito filters on ${Object.keys(SEARCHABLE).join(', ')}.`);
  const value = quoted.replace(/\\(.)/g, '$1');
  return u => {
    const actual = read(u);
    return actual !== undefined && (operator === '=' ? actual === value : actual.startsWith(value));
  };
}

/** UserType with only the attributes asked for (AttributesToGet), as ListUsers returns it. */
function withAttributes(u: UserRecord, names: readonly string[] | undefined) {
  const view = userType(u);
  return names ? { ...view, Attributes: view.Attributes.filter(a => names.includes(a.Name)) } : view;
}

export const userListHandlers: HandlerTable = {
  ListUsers(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const matches = [...allUsers(pool)].filter(userFilter(input.Filter));
    const page = paginate(`ListUsers\u0000${pool.config.id}\u0000${input.Filter ?? ''}`, matches, input.Limit, input.PaginationToken);
    return { Users: page.items.map(u => withAttributes(u, input.AttributesToGet)), ...(page.next ? { PaginationToken: page.next } : {}) };
  },

  ListUsersInGroup(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    if (!groupsOf(ctx, pool)[input.GroupName]) throw resourceNotFound('Group not found.');
    const members = [...allUsers(pool)].filter(u => u.groups.includes(input.GroupName));
    const page = paginate(`ListUsersInGroup\u0000${pool.config.id}\u0000${input.GroupName}`, members, input.Limit, input.NextToken);
    return { Users: page.items.map(u => userType(u)), ...(page.next ? { NextToken: page.next } : {}) };
  },
};
