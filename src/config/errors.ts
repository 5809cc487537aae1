/**
 * Thrown before anything is created when the config breaks a Cognito rule. Lists every problem.
 */
export class AuthConfigError extends Error {
  constructor(public readonly path: string, public readonly problems: string[]) {
    super(`Invalid Auth configuration at ${path} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n`
      + problems.map(p => `  - ${p}`).join('\n'));
    this.name = 'AuthConfigError';
  }
}
