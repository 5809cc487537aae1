/** Repository paths the CLI package's tests need, in one place (this file is packages/cli/test/support/paths.ts). */
import * as path from 'path';

/** The repository root: the construct package `@cdk-mfa/auth`. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
/** The root's node_modules: the npm workspace installs every package of both packages there. */
export const ROOT_NODE_MODULES = path.join(REPO_ROOT, 'node_modules');
/** The construct's compiled output (`npx projen compile` at the root builds it). */
export const ROOT_LIB = path.join(REPO_ROOT, 'lib');
/** The CLI package (`packages/cli`). */
export const CLI_DIR = path.join(REPO_ROOT, 'packages', 'cli');
/** The CLI package's test folder. */
export const CLI_TEST_DIR = path.join(CLI_DIR, 'test');
