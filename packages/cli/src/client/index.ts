/**
 * Client-side helpers: `import ... from '@cdk-mfa/cli'` (src/index.ts re-exports them).
 */
export * from './description';
export * from './from-template';
export * from './amplify-outputs';
export * from './amplify-stack-outputs';
export * from './totp-setup';
