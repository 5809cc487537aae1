import { checkedAtDeploy, Finding, problem } from './findings';
import { groupConstructId } from './group-ids';
import { checkLength } from './message-rules';
import { ResolvedAuthConfig } from './resolved';
import { isToken, stringParts } from './tokens';
import { lazy } from '../lazy';

/** Cognito's GroupName: 1-128 characters, no whitespace. Built on first use: a Unicode property class takes about half a millisecond to build (lazy.ts). */
const GROUP_NAME = lazy(() => /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u);
const MAX_PRECEDENCE = 2 ** 31 - 1;

/** User groups: Cognito's name and description limits, unique names, precedence. */
export function validateGroups(config: ResolvedAuthConfig): Finding[] {
  const findings: Finding[] = [];
  const names = new Map<string, number>();
  const ids = new Map<string, number>();
  config.groups.forEach((group, index) => {
    const path = `groups[${index}]`;
    const parts = stringParts(group.name);
    if (parts.kind === 'token') {
      findings.push(checkedAtDeploy(`${path}.name`, 'its length (1 to 128 characters) and that it is unique'));
    } else if (parts.literalLength > 128 || (parts.kind === 'literal' && parts.literalLength < 1) || parts.literals.some(p => !GROUP_NAME().test(p))) {
      findings.push(problem(`${path}.name`, 'must be 1 to 128 characters without whitespace'));
      return;
    } else if (parts.kind === 'mixed') {
      findings.push(checkedAtDeploy(`${path}.name`, 'its length (1 to 128 characters)'));
    }
    const twin = names.get(group.name);
    if (twin !== undefined) {
      findings.push(problem(`${path}.name`, `group "${group.name}" is defined twice; group names must be unique`));
    } else if (ids.has(groupConstructId(group.name))) {
      findings.push(problem(`${path}.name`, `"${group.name}" and groups[${ids.get(groupConstructId(group.name))}].name differ only in characters other than letters and digits, which this construct cannot tell apart in the groups' ids`,
        'rename one of them'));
    }
    names.set(group.name, index);
    ids.set(groupConstructId(group.name), index);
    findings.push(...checkPrecedence(`${path}.precedence`, group.precedence));
    findings.push(...checkLength(`${path}.description`, group.description, 0, 2048));
  });
  return findings;
}

function checkPrecedence(path: string, precedence: number | undefined): Finding[] {
  if (precedence === undefined) return [];
  if (isToken(precedence)) return [checkedAtDeploy(path, 'its range (a whole number from 0 to 2^31-1)')];
  if (!Number.isInteger(precedence) || precedence < 0 || precedence > MAX_PRECEDENCE) {
    return [problem(path, `must be a whole number from 0 to 2^31-1, got ${precedence}`)];
  }
  return [];
}
