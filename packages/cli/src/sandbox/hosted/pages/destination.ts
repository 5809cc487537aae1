import { PoolRuntime } from '../../model/context';
import { verificationChannel } from '../../model/messages';
import { findUser, getUser, maskDestination } from '../../model/users';

/** Where the user's codes go, masked as Cognito shows it ("j***@e***"), for the code pages' hint. */
export function messagesDestination(pool: PoolRuntime, username: string): string | undefined {
  const user = findUser(pool, username) ?? getUser(pool, username);
  if (!user) return undefined;
  const channel = verificationChannel(pool, user) ?? (user.attributes.email ? 'EMAIL' : user.attributes.phone_number ? 'SMS' : undefined);
  if (channel === 'EMAIL' && user.attributes.email) return maskDestination(user.attributes.email, 'EMAIL');
  if (channel === 'SMS' && user.attributes.phone_number) return maskDestination(user.attributes.phone_number, 'SMS');
  return undefined;
}
