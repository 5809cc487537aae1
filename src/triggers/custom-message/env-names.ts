/**
 * Environment variable names: the whole contract between the construct (`built-in.ts`) and this
 * trigger's handler. Both sides import them from here.
 */

/** JSON `CustomMessageConfig` (see `config.ts`). */
export const CUSTOM_MESSAGE_CONFIG = 'CUSTOM_MESSAGE_CONFIG';
