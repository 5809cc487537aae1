/**
 * Fills a template's placeholders with the event's parameters.
 */
import { CODE_PLACEHOLDER, USERNAME_PLACEHOLDER } from './config';

const PLACEHOLDERS = /\{####\}|\{username\}/g;

/**
 * Replaces `{####}` with `codeParameter` and `{username}` with `usernameParameter` (kept when absent).
 * One pass with a replacer function: a parameter's own text (or a `$` in it) is never re-interpreted.
 */
export function renderMessage(message: string, codeParameter: string, usernameParameter: string | undefined): string {
  return message.replace(PLACEHOLDERS, placeholder => {
    if (placeholder === CODE_PLACEHOLDER) return codeParameter;
    return usernameParameter ?? USERNAME_PLACEHOLDER;
  });
}
