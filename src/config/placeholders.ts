/**
 * Placeholder strings that Cognito replaces in message templates.
 *
 * Amplify's `defineAuth` takes template functions (`createCode()`); jsii cannot express functions in
 * props, so this library exports the placeholders as constants instead.
 *
 * @example
 * `Your code is ${Placeholders.CODE}`
 */
export class Placeholders {
  /** The one-time code (verification, MFA, invitation temporary password). */
  public static readonly CODE = '{####}';

  /** The user name, used in invitation messages. */
  public static readonly USERNAME = '{username}';

  /** The default verification link text, used when the email verification style is LINK. */
  public static readonly LINK = '{##Verify Email##}';

  /**
   * A verification link with custom text, for the LINK verification style.
   *
   * @param text the clickable text of the link, e.g. "Confirm my account"
   */
  public static link(text: string): string {
    return `{##${text}##}`;
  }

  private constructor() {}
}

/** Matches a verification link placeholder with any text, as Cognito does. */
export const LINK_PLACEHOLDER_PATTERN = /\{##[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*##\}/u;
