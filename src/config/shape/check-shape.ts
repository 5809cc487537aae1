import { AUTH_PROPS_SHAPE } from './auth-props-shape';
import { checkValue } from './shape';
import { problem, Problem } from '../findings';

/**
 * The shape check: wrong types, unknown keys, null values and enum values that are not ours, for
 * all of the props at once. Runs before the rules, which may then trust every type.
 */
export function checkShape(props: unknown): Problem[] {
  if (props === undefined || props === null) {
    return [problem('props', `Auth needs its props, got ${props}`, 'pass at least { loginWith: { email: {} } }')];
  }
  const problems: Problem[] = [];
  try {
    checkValue(AUTH_PROPS_SHAPE, props, '', (path, message, fix) => problems.push(problem(path || 'props', message, fix)), true);
  } catch (error) {
    // Only a hostile object (a throwing getter, a revoked proxy) gets here.
    problems.push(problem('props', `could not be read (${error instanceof Error ? error.message : String(error)})`, 'pass plain objects'));
  }
  return problems;
}
