/**
 * Built-in Pre sign-up trigger: phone number (E.164) and email domain allow/deny policy.
 * Logic: `sign-up-guard/handler-logic.ts`. Environment: `env-names.ts`.
 */
import { createSignUpGuardHandler } from './handler-logic';

/** Lambda entry point. */
export const handler = createSignUpGuardHandler();
