/** Runs a cdk-nag pack over a freshly built stack and returns the unsuppressed findings. */
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';

export const PACKS: Array<[string, () => NagPack]> = [
  ['AwsSolutions', () => new AwsSolutionsChecks({ verbose: true, reports: false })],
  ['NIST.800.53.R5', () => new NIST80053R5Checks({ verbose: true, reports: false })],
  ['HIPAA.Security', () => new HIPAASecurityChecks({ verbose: true, reports: false })],
  ['PCI.DSS.321', () => new PCIDSS321Checks({ verbose: true, reports: false })],
];

/** `path: message` lines for every unsuppressed error and warning. */
export function nagFindings(build: (app: App) => Stack, pack: () => NagPack): string[] {
  const stack = build(new App());
  Aspects.of(stack).add(pack());
  const annotations = Annotations.fromStack(stack);
  const any = Match.stringLikeRegexp('.*');
  return [...annotations.findError('*', any), ...annotations.findWarning('*', any)]
    .map(m => `${m.id}: ${String(m.entry.data).split('\n')[0]}`);
}

/** The rule id of each unsuppressed finding, e.g. `AwsSolutions-COG2`. */
export function nagRuleIds(build: (app: App) => Stack, pack: () => NagPack): string[] {
  return nagFindings(build, pack).map(finding => finding.split(': ')[1].split(/[:[]/)[0]);
}
