/**
 * Built-in Pre token generation trigger: withholds MFA-required groups from users without MFA.
 * Logic and rationale: `mfa-by-group/handler-logic.ts`. Environment: `env-names.ts`.
 * Needs `cognito-idp:AdminGetUser` on the user pool.
 */
import { createMfaByGroupHandler } from './handler-logic';

/** Lambda entry point. */
export const handler = createMfaByGroupHandler();
