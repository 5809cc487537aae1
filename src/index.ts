export * from './auth';
export * from './config/types';
export * from './config/types-providers';
export * from './config/types-hosted-ui';
export * from './config/types-operations';
export * from './config/placeholders';
export { AuthPermission } from './parts/grants';
