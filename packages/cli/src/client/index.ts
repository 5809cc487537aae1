/**
 * Client-side helpers (not part of the jsii API): `import ... from '@cdk-mfa/auth/lib/client'`.
 */
export * from './description';
export * from './from-template';
export * from './amplify-outputs';
export * from './amplify-stack-outputs';
export * from './totp-setup';
