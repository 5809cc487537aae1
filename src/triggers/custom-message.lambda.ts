/**
 * Built-in Custom message trigger: per-locale message templates.
 * Logic: `custom-message/handler-logic.ts`. Environment: `runtime/env-names.ts`.
 */
import { createCustomMessageHandler } from './custom-message/handler-logic';

/** Lambda entry point. */
export const handler = createCustomMessageHandler();
