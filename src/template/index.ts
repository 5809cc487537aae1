/**
 * The one CloudFormation reader: cdk.out through its manifest, intrinsics, Cognito's defaults and the
 * settings a live pool cannot change. Not jsii API: `import ... from '@cdk-mfa/auth/template'`.
 */
export * from './template-types';
export * from './cloud-assembly';
export * from './intrinsics';
export * from './cognito-defaults';
export * from './user-pool';
export * from './immutable-settings';
export * from './read-template';
