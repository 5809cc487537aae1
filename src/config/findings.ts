/**
 * What the config checks report: problems (the config is refused) and warnings (it synthesizes, and
 * the user should know something). Rules are pure functions returning findings; the Auth construct
 * throws on problems and turns warnings into synth-time annotations.
 */

/** A rule the config breaks. Rendered as `path: message; fix.` */
export interface Problem {
  readonly kind: 'problem';
  /** The property, as the user wrote it: `multifactor.sms.message`, `groups[1].name`. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it, when the message alone does not say. */
  readonly fix?: string;
}

/** Something the config does that the user should know about; it does not stop synthesis. */
export interface Warning {
  readonly kind: 'warning';
  /** Annotation id (`@cdk-mfa/auth:...`), so a team can acknowledge one warning by id. */
  readonly id: string;
  readonly path: string;
  readonly message: string;
}

export type Finding = Problem | Warning;

export function problem(path: string, message: string, fix?: string): Problem {
  return { kind: 'problem', path, message, fix };
}

export function warning(id: string, path: string, message: string): Warning {
  return { kind: 'warning', id: `@cdk-mfa/auth:${id}`, path, message };
}

/**
 * The form problems have always had: `path must be ...; fix.` when the message states the rule,
 * `path: what is wrong; fix.` otherwise.
 */
export function renderProblem(p: Problem): string {
  const head = /^(must|is|may|cannot) /.test(p.message) ? `${p.path} ${p.message}` : `${p.path}: ${p.message}`;
  const text = p.fix ? `${head}; ${p.fix}` : head;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function problemsOf(findings: readonly Finding[]): Problem[] {
  return findings.filter((f): f is Problem => f.kind === 'problem');
}

export function warningsOf(findings: readonly Finding[]): Warning[] {
  return findings.filter((f): f is Warning => f.kind === 'warning');
}

/**
 * A value that is a token (wholly, or in part) skips a check only deploy time can make: say so,
 * naming the property. One id per property, so a team can acknowledge each on its own.
 */
export function checkedAtDeploy(path: string, what: string): Warning {
  return warning(`checked-at-deploy:${path}`, path,
    `${path} is not known until deploy time (a token), so ${what} cannot be checked now; Cognito or CloudFormation checks it when the stack deploys`);
}
