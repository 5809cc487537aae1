/** The README's table of supported operations is the code's operation table (regenerate: scripts/operations-table.ts). */
import * as fs from 'fs';
import { operationsTable, README, withTable } from '../../../../scripts/operations-table';
import { OPERATION_AREAS, OPERATIONS } from '../../src/sandbox/operations';

test('README lists exactly the operations the sandbox answers', () => {
  const readme = fs.readFileSync(README, 'utf8');
  expect(readme).toBe(withTable(readme)); // stale: run `npx ts-node --project test/tsconfig.json scripts/operations-table.ts`
  for (const name of Object.keys(OPERATIONS)) expect(operationsTable()).toMatch(new RegExp(`\\b${name}\\b`));
});

test('every operation is in one area only, and the table classifies admin calls as IAM', () => {
  const names = OPERATION_AREAS.flatMap(a => Object.keys(a.handlers));
  expect(new Set(names).size).toBe(names.length);
  expect(names.length).toBe(Object.keys(OPERATIONS).length);
  const table = operationsTable();
  expect(table).toMatch(/\| Users \| [^|]*\| [^|]*GetUser[^|]*\| [^|]*AdminGetUser[^|]*ListUsers/);
  expect(table).toMatch(/\| Tokens \| GetTokensFromRefreshToken, RevokeToken \|/);
});
