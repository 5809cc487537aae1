import { Problem, renderProblem } from './findings';

/**
 * Thrown before anything is created when the config is malformed or breaks a Cognito rule. Lists
 * every problem, each naming the property and how to fix it.
 */
export class AuthConfigError extends Error {
  /** The problems as text, one per line of the message. */
  public readonly problems: string[];

  constructor(public readonly path: string, public readonly details: readonly Problem[]) {
    const problems = details.map(renderProblem);
    super(`Invalid Auth configuration at ${path} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n`
      + problems.map(p => `  - ${p}`).join('\n'));
    this.name = 'AuthConfigError';
    this.problems = problems;
  }
}
