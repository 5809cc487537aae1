/**
 * The MFA-by-group built-in trigger, as the construct sees it: its config, rules and wiring.
 * The handler is `mfa-by-group.lambda.ts`; this file is never bundled into it.
 */
import { Duration, Tokenization } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { MFA_REQUIRED_GROUPS, MFA_STATUS_CACHE_TTL_SECONDS } from './env-names';
import { checkedAtDeploy, Finding, problem } from '../../config/findings';
import { arrayOf, duration, required, string, struct } from '../../config/shape/shape';
import { isToken } from '../../config/tokens';
import { MfaByGroupConfig, MfaMode } from '../../config/types';
import { lazy } from '../../lazy';
import { BuiltInTrigger } from '../built-in-trigger';
import { jsonEnv } from '../json-env';

// The function class extends lambda.Function: loading it loads aws-lambda, so only a config with this trigger does.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- on first use (lazy.ts)
const functionClass = lazy(() => (require('./mfa-by-group-function') as typeof import('./mfa-by-group-function')).MfaByGroupFunction);

const PATH = 'triggers.mfaByGroup';
const MAX_CACHE_TTL = Duration.hours(1);

export interface ResolvedMfaByGroup {
  readonly groups: readonly string[];
  readonly cacheTtl: Duration;
}

export const MFA_BY_GROUP: BuiltInTrigger<'mfaByGroup', ResolvedMfaByGroup> = {
  key: 'mfaByGroup',
  // V2: the documented event for changing both tokens; V1 changes are documented for the ID token only.
  slot: { key: 'preTokenGeneration', operation: cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, lambdaVersion: cognito.LambdaVersion.V2_0 },
  functionId: 'MfaByGroupTrigger',
  shape: struct<MfaByGroupConfig>('MfaByGroupConfig', '@cdk-mfa/auth.MfaByGroupConfig', {
    groups: required(arrayOf(string())),
    cacheTtl: duration(),
  }),
  resolve: config => ({ groups: config.groups, cacheTtl: config.cacheTtl ?? Duration.seconds(60) }),
  validate(config, auth) {
    const findings: Finding[] = [];
    const mode = auth.multifactor.mode;
    if (mode !== MfaMode.OPTIONAL) {
      findings.push(problem(PATH, `needs multifactor.mode OPTIONAL (it is ${mode})`, 'with OFF nobody can set up MFA, with REQUIRED everyone already has it'));
    }
    if (auth.featurePlan === cognito.FeaturePlan.LITE) {
      findings.push(problem(PATH, 'needs the Essentials or Plus feature plan, whose V2 token event withholds the groups from access tokens too',
        'set featurePlan to ESSENTIALS (the default)'));
    }
    if (config.groups.length === 0) {
      findings.push(problem(`${PATH}.groups`, 'name at least one group whose members must use MFA', 'e.g. ["admins"]'));
    }
    findings.push(...unknownGroups(config, auth.groups.map(g => g.name)));
    // The trigger withholds group claims, but an identity pool may still pick a group's IAM role from the token.
    for (const group of auth.groups) {
      if (auth.identityPool && group.role && config.groups.includes(group.name)) {
        findings.push(problem(PATH, `group "${group.name}" has an IAM role and an identity pool is configured; the role could reach users without MFA`,
          'remove the role from the group or use multifactor.mode REQUIRED'));
      }
    }
    if (isToken(config.cacheTtl) && config.cacheTtl.unitLabel() !== 'seconds') {
      // A token amount cannot be converted at synth time, and the handler reads seconds.
      findings.push(problem(`${PATH}.cacheTtl`, `is a token in ${config.cacheTtl.unitLabel()}`, 'give it as Duration.seconds(...)'));
    } else if (isToken(config.cacheTtl)) {
      findings.push(checkedAtDeploy(`${PATH}.cacheTtl`, 'its range (0 to 3600 whole seconds; the handler uses 60 for anything else)'));
    } else if (config.cacheTtl.toMilliseconds() > MAX_CACHE_TTL.toMilliseconds()
      || !Number.isInteger(config.cacheTtl.toSeconds({ integral: false }))) {
      findings.push(problem(`${PATH}.cacheTtl`, 'must be from 0 to 3600 seconds, in whole seconds'));
    }
    return findings;
  },
  wire: (scope, config, base) => new (functionClass())(scope, MFA_BY_GROUP.functionId, {
    ...base,
    description: 'Withholds privileged groups from tokens until the user has MFA',
    timeout: Duration.seconds(5),
    environment: {
      [MFA_REQUIRED_GROUPS]: jsonEnv(scope, config.groups),
      [MFA_STATUS_CACHE_TTL_SECONDS]: Tokenization.stringifyNumber(config.cacheTtl.toSeconds()),
    },
  }),
  // The handler reads one user's MFA settings, nothing more.
  grants: ['cognito-idp:AdminGetUser'],
};

/** A misspelt group would silently protect nobody. Tokens on either side can only be compared at deploy. */
function unknownGroups(config: ResolvedMfaByGroup, defined: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  const anyTokenGroup = defined.some(isToken);
  config.groups.forEach((name, index) => {
    if (isToken(name) || (anyTokenGroup && !defined.includes(name))) {
      findings.push(checkedAtDeploy(`${PATH}.groups[${index}]`, 'whether it names one of groups'));
    } else if (!defined.includes(name)) {
      findings.push(problem(`${PATH}.groups`, `"${name}" is not in groups`, `add { name: '${name}' } to groups (a misspelt group would silently protect nobody)`));
    }
  });
  return findings;
}
