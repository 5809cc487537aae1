/**
 * `@cdk-mfa/cli` for programs (the package's exports map exposes only this entry): start the local
 * Cognito sandbox from an app's tests or a script, and build client configuration from a template.
 *
 * ```ts
 * import { startSandbox, buildAmplifyOutputs } from '@cdk-mfa/cli';
 * ```
 *
 * The `cdk-mfa-auth` command (src/cli) is the package's bin; nothing else is importable.
 */
export * from './sandbox';
export * from './client';
