import { Problem, problemsOf, Warning, warningsOf } from './findings';
import { resolveAuthConfig } from './resolve';
import { ResolvedAuthConfig } from './resolved';
import { checkShape } from './shape/check-shape';
import { AuthProps } from './types';
import { validateAuthConfig } from './validate';

/** The outcome of checking a config: its problems, its warnings, and the resolved config when valid. */
export type CheckedConfig =
  | { readonly ok: true; readonly config: ResolvedAuthConfig; readonly warnings: readonly Warning[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * The whole config check, one way: shape (types, unknown keys, enum values) -> resolve (every
 * default) -> rules (Cognito's and ours, on the resolved config). Pure: needs no construct scope.
 */
export function checkAuthProps(props: unknown): CheckedConfig {
  const shapeProblems = checkShape(props);
  if (shapeProblems.length > 0) return { ok: false, problems: shapeProblems };
  const config = resolveAuthConfig(props as AuthProps);
  const findings = validateAuthConfig(config);
  const problems = problemsOf(findings);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config, warnings: warningsOf(findings) };
}
