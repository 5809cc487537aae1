import * as fs from 'fs';
import * as path from 'path';
import { readCloudAssembly } from '@cdk-mfa/auth/template';

/** One CloudFormation template plus where its assets live. */
export interface TemplateSource {
  readonly stackName: string;
  readonly template: any;
  /** Directory that `aws:asset:path` metadata is relative to (the cdk.out dir), if known. */
  readonly assetDir?: string;
}

export interface TemplateInput {
  readonly template?: object;
  readonly templatePath?: string;
  readonly cdkOutDir?: string;
}

/** Collects the templates to emulate from an object, a file, or every stack a cdk.out dir's manifest lists (Stages included). */
export function loadTemplates(input: TemplateInput): TemplateSource[] {
  if (input.template) {
    return [{ stackName: 'Stack', template: input.template, assetDir: input.cdkOutDir }];
  }
  if (input.templatePath) {
    const file = path.resolve(input.templatePath);
    return [{
      stackName: path.basename(file).replace(/\.template\.json$|\.json$/, ''),
      template: readJson(file),
      assetDir: input.cdkOutDir ?? path.dirname(file),
    }];
  }
  if (input.cdkOutDir) {
    const dir = path.resolve(input.cdkOutDir);
    const stacks = readCloudAssembly(dir);
    if (stacks.length === 0) throw new Error(`No stacks in ${dir}/manifest.json; run 'cdk synth' first.`);
    // The artifact id (the template file's base name) names the stack: the sandbox's ids derive from it.
    return stacks.map(stack => ({ stackName: stack.artifactId, template: stack.template, assetDir: stack.assemblyDir }));
  }
  throw new Error('Give the sandbox a template, a templatePath or a cdkOutDir.');
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`Cannot read template ${file}: ${(e as Error).message}`);
  }
}
