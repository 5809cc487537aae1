/**
 * The CLI package's one test support folder: every helper more than one suite uses lives here
 * (suite-specific fixtures stay next to their suite).
 */
export * from './child-bundle';
export * from './clock';
export * from './paths';
export * from './raw-http';
export * from './sandbox';
export * from './sign-in';
export * from './totp';
export * from './wait';
