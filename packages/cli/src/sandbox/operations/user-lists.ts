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
import { invalidParameter, resourceNotFound } from '../core/errors';
import { UserRecord } from '../core/records';
import { poolById, PoolRuntime } from '../model/context';
import { paginate } from '../model/pagination';
import { allUsers, getUser, userBySub, usersInGroup, usersWithAttribute, usersWithStatus } from '../model/users';

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

/** A parsed Filter; undefined for an empty one (everyone). The value may contain `\"` for a quote. */
interface ParsedFilter {
  readonly attribute: string;
  readonly operator: '=' | '^=';
  readonly value: string;
}

function parseFilter(filter: string | undefined): ParsedFilter | undefined {
  if (!filter || filter.trim() === '') return undefined;
  const m = /^\s*([\w:]+)\s*(\^=|=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!m) throw invalidParameter(`Invalid search filter: ${filter}. Write attribute = "value" or attribute ^= "prefix".`);
  const [, attribute, operator, quoted] = m;
  if (!Object.prototype.hasOwnProperty.call(SEARCHABLE, attribute)) {
    throw invalidParameter(`Invalid search attribute: ${attribute}. Cognito filters on ${Object.keys(SEARCHABLE).join(', ')}.`);
  }
  return { attribute, operator: operator as ParsedFilter['operator'], value: quoted.replace(/\\(.)/g, '$1') };
}

/** A filter as a predicate. */
export function userFilter(filter: string | undefined): (u: UserRecord) => boolean {
  const parsed = parseFilter(filter);
  if (!parsed) return () => true;
  const read = SEARCHABLE[parsed.attribute];
  return u => {
    const actual = read(u);
    return actual !== undefined && (parsed.operator === '=' ? actual === parsed.value : actual.startsWith(parsed.value));
  };
}

/**
 * The users a filter can match: an exact (`=`) filter on an indexed key reads only the index's
 * matches; a prefix filter, `status` or no filter reads every user. The predicate still decides.
 */
function candidates(pool: PoolRuntime, filter: string | undefined): Iterable<UserRecord> {
  const parsed = parseFilter(filter);
  if (!parsed || parsed.operator !== '=' || parsed.attribute === 'status') return allUsers(pool);
  const one = (u: UserRecord | undefined) => (u ? [u] : []);
  if (parsed.attribute === 'username') return one(getUser(pool, parsed.value));
  if (parsed.attribute === 'sub') return one(userBySub(pool, parsed.value));
  if (parsed.attribute === 'cognito:user_status') return usersWithStatus(pool, parsed.value as UserRecord['status']);
  return usersWithAttribute(pool, parsed.attribute, parsed.value);
}

/** UserType with only the attributes asked for (AttributesToGet), as ListUsers returns it. */
function withAttributes(u: UserRecord, names: readonly string[] | undefined) {
  const view = userType(u);
  return names ? { ...view, Attributes: view.Attributes.filter(a => names.includes(a.Name)) } : view;
}

export const userListHandlers: HandlerTable = {
  ListUsers(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const matches = [...candidates(pool, input.Filter)].filter(userFilter(input.Filter));
    const page = paginate(`ListUsers\u0000${pool.config.id}\u0000${input.Filter ?? ''}`, matches, input.Limit, input.PaginationToken);
    return { Users: page.items.map(u => withAttributes(u, input.AttributesToGet)), ...(page.next ? { PaginationToken: page.next } : {}) };
  },

  ListUsersInGroup(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    if (!groupsOf(ctx, pool)[input.GroupName]) throw resourceNotFound('Group not found.');
    const members = usersInGroup(pool, input.GroupName);
    const page = paginate(`ListUsersInGroup\u0000${pool.config.id}\u0000${input.GroupName}`, members, input.Limit, input.NextToken);
    return { Users: page.items.map(u => userType(u)), ...(page.next ? { NextToken: page.next } : {}) };
  },
};
