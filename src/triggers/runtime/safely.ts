/**
 * Last-resort wrapper: a handler bug must not turn into a failed sign-in for every user.
 */
import { errorName, logWarning, TriggerName } from './log';

/** Marks an error that a handler throws on purpose (a policy rejection) so {@link safely} rethrows it. */
export class DeliberateRejection extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliberateRejection';
  }
}

/**
 * Wraps `fn` so that an unexpected exception is logged (name only) and the event is returned unchanged.
 * {@link DeliberateRejection}s pass through: they are how a trigger tells Cognito "no".
 */
export function safely(trigger: TriggerName, fn: (event: unknown) => Promise<unknown>): (event: unknown) => Promise<unknown> {
  return async event => {
    try {
      return await fn(event);
    } catch (err) {
      if (err instanceof DeliberateRejection) throw err;
      logWarning(trigger, 'unexpected error; event returned unchanged', { error: errorName(err) });
      return event;
    }
  };
}
