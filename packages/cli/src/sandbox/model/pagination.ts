/**
 * Limit and pagination token of Cognito's list operations. Cognito's tokens are opaque; the
 * sandbox's name the list and the position after the last item returned, so a token from one list
 * (or a made-up one) is refused with InvalidParameterException instead of paging something else.
 * A Limit of 0 or none means the operation's maximum (60), the sandbox's reading of "default 60".
 */
import { createHash } from 'crypto';
import { invalidParameter } from '../core/errors';

export const MAX_PAGE = 60;

export interface Page<T> {
  readonly items: T[];
  /** The token for the next page, when there is one. */
  readonly next?: string;
}

/** `list` names what is listed (operation, pool, user or group), binding tokens to it. */
export function paginate<T>(list: string, all: readonly T[], limit: number | undefined, token: string | undefined): Page<T> {
  const size = limit ? Math.min(limit, MAX_PAGE) : MAX_PAGE;
  const start = token === undefined ? 0 : offsetOf(list, token);
  const end = start + size;
  return { items: all.slice(start, end), next: end < all.length ? tokenFor(list, end) : undefined };
}

const tag = (list: string) => createHash('sha256').update(list).digest('base64url').slice(0, 12);

const tokenFor = (list: string, offset: number) => Buffer.from(`${tag(list)}:${offset}`).toString('base64url');

function offsetOf(list: string, token: string): number {
  const [listTag, offset] = Buffer.from(token, 'base64url').toString().split(':');
  const n = Number(offset);
  if (listTag !== tag(list) || !Number.isInteger(n) || n < 0) throw invalidParameter('Invalid pagination token: pass the token the previous page of this same list returned.');
  return n;
}
