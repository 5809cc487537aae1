/**
 * Loading the construct costs what the config uses (issue 23). A module that only some configs
 * need (aws-lambda, aws-logs, aws-iam's classes, the identity pool, a built-in trigger's function
 * class, ...) is required on first use instead of when the package is imported: `cdk.logs()` below
 * for aws-cdk-lib, and for a module of ours
 *
 *   const functionClass = lazy(() => (require('./x-function') as typeof import('./x-function')).XFunction);
 *
 * Types still come from normal imports (jsii needs them for the public API) or `import type`: an
 * import used only for types is erased from the JavaScript and loads nothing. Reading a member of
 * an aws-cdk-lib module (`logs.RetentionDays`, `x instanceof lambda.Function`) loads the file that
 * defines it, so such reads belong in the code path that needs them too.
 */
export function lazy<T>(load: () => T): () => T {
  let loaded: { readonly value: T } | undefined;
  return () => (loaded ??= { value: load() }).value;
}

/* eslint-disable @typescript-eslint/no-require-imports -- the point of this file */
/** The aws-cdk-lib modules only some configs use, each loaded on first use. */
export const cdk = {
  iam: lazy(() => require('aws-cdk-lib/aws-iam') as typeof import('aws-cdk-lib/aws-iam')),
  logs: lazy(() => require('aws-cdk-lib/aws-logs') as typeof import('aws-cdk-lib/aws-logs')),
  identityPool: lazy(() => require('aws-cdk-lib/aws-cognito-identitypool') as typeof import('aws-cdk-lib/aws-cognito-identitypool')),
};
/* eslint-enable @typescript-eslint/no-require-imports */
