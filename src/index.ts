export * from './auth';
export * from './config/types';
export * from './config/placeholders';
export { AuthPermission } from './parts/grants';
