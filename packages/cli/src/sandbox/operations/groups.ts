import { epoch, HandlerTable } from './handler';
import { CognitoError, resourceNotFound } from '../core/errors';
import { GroupRecord } from '../core/records';
import { poolById, PoolRuntime, SandboxContext } from '../model/context';
import { paginate } from '../model/pagination';
import { requireUser } from '../model/users';
import { keyedByInput } from '../store/store';

/** Template groups are seeded into the stored groups so CreateGroup can add more. */
export function groupsOf(ctx: SandboxContext, pool: PoolRuntime): Record<string, GroupRecord> {
  if (!pool.state.groups) pool.state.groups = keyedByInput();
  for (const g of pool.config.groups) {
    if (!pool.state.groups[g.name]) pool.state.groups[g.name] = { ...g, createdAt: ctx.now() };
  }
  return pool.state.groups;
}

function requireGroup(ctx: SandboxContext, pool: PoolRuntime, name: unknown): GroupRecord {
  const group = groupsOf(ctx, pool)[String(name)];
  if (!group) throw resourceNotFound('Group not found.');
  return group;
}

const groupType = (poolId: string, g: GroupRecord) => ({
  GroupName: g.name,
  UserPoolId: poolId,
  Description: g.description,
  Precedence: g.precedence,
  CreationDate: epoch(g.createdAt),
  LastModifiedDate: epoch(g.createdAt),
});

export const groupHandlers: HandlerTable = {
  CreateGroup(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const all = groupsOf(ctx, pool);
    if (all[input.GroupName]) throw new CognitoError('GroupExistsException', 'A group with the name already exists.');
    all[input.GroupName] = { name: String(input.GroupName), description: input.Description, precedence: input.Precedence, createdAt: ctx.now() };
    return { Group: groupType(pool.config.id, all[input.GroupName]) };
  },

  ListGroups(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const page = paginate(`ListGroups\u0000${pool.config.id}`, Object.values(groupsOf(ctx, pool)), input.Limit, input.NextToken);
    return { Groups: page.items.map(g => groupType(pool.config.id, g)), ...(page.next ? { NextToken: page.next } : {}) };
  },

  AdminAddUserToGroup(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const group = requireGroup(ctx, pool, input.GroupName);
    const user = requireUser(pool, input.Username);
    if (!user.groups.includes(group.name)) user.groups.push(group.name);
    return {};
  },

  AdminRemoveUserFromGroup(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const group = requireGroup(ctx, pool, input.GroupName);
    const user = requireUser(pool, input.Username);
    user.groups = user.groups.filter(g => g !== group.name);
    return {};
  },

  AdminListGroupsForUser(ctx, input) {
    const pool = poolById(ctx, input.UserPoolId);
    const user = requireUser(pool, input.Username);
    const all = groupsOf(ctx, pool);
    const page = paginate(`AdminListGroupsForUser\u0000${pool.config.id}\u0000${user.username}`, user.groups.filter(g => all[g]), input.Limit, input.NextToken);
    return { Groups: page.items.map(g => groupType(pool.config.id, all[g])), ...(page.next ? { NextToken: page.next } : {}) };
  },
};
