import { UserRecord } from '../../core/records';
import { randomToken } from '../../crypto/ids';
import { PoolRuntime, SandboxContext } from '../../model/context';
import { newUser, usernameFor } from '../../model/users';

export type MigrationSource = 'UserMigration_Authentication' | 'UserMigration_ForgotPassword';

export interface MigrationRequest {
  readonly pool: PoolRuntime;
  readonly clientId: string;
  /** The name the user signed in with (a username, or an email or phone with UsernameAttributes). */
  readonly username: string;
  readonly source: MigrationSource;
  /** The password the user signed in with; absent when they asked to reset it. */
  readonly password?: string;
  readonly clientMetadata?: Record<string, string>;
}

/**
 * The UserMigration trigger: a user the pool does not know signs in with a password
 * (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH) or asks to reset one, and the trigger vouches for
 * them from the old system. Cognito then creates the user from the trigger's answer. SRP sign-in
 * cannot migrate anyone, since the pool never sees the password, as in Cognito.
 *
 * Returns the new user, or undefined when the pool has no such trigger or it answers with no
 * attributes. A trigger that throws fails the sign-in (UserLambdaValidationException).
 */
export async function migrateUser(ctx: SandboxContext, m: MigrationRequest): Promise<UserRecord | undefined> {
  if (!ctx.triggers.has(m.pool.config, 'UserMigration') || !m.username) return undefined;
  const response = await ctx.triggers.invoke(m.pool.config, {
    trigger: 'UserMigration',
    triggerSource: m.source,
    username: m.username,
    clientId: m.clientId,
    request: { ...(m.password !== undefined ? { password: m.password } : {}), validationData: {}, clientMetadata: m.clientMetadata ?? {} },
  });
  const given = response?.userAttributes;
  if (!given || typeof given !== 'object') return undefined;
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) if (name !== 'sub' && value != null) attributes[name] = String(value);
  const username = usernameFor(m.pool, m.username, attributes);
  // A user migrated through a password reset has no password the pool knows until they set one.
  const user = await newUser(ctx, m.pool, username, attributes, m.password ?? randomToken(32));
  const resetRequired = m.source === 'UserMigration_ForgotPassword' || response.finalUserStatus === 'RESET_REQUIRED';
  user.status = resetRequired ? 'RESET_REQUIRED' : 'CONFIRMED';
  ctx.log(`UserMigration: created ${username} (${user.status}) from the trigger's answer`);
  return user;
}
