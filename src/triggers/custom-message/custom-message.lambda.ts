/**
 * Built-in Custom message trigger: per-locale message templates.
 * Logic: `custom-message/handler-logic.ts`. Environment: `env-names.ts`.
 */
import { createCustomMessageHandler } from './handler-logic';

/** Lambda entry point. */
export const handler = createCustomMessageHandler();
