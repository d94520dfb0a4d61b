// check --format sarif: the ledger's problems as SARIF 2.1.0 results (rule = the problem's
// code), each at its file:line:col, for code scanning.
import { createRequire } from 'node:module';
import type { Translate } from '../i18n/index.js';
import { problemHint, problemMessage, type Problem } from '../ledger/problems.js';

export function formatProblemsSarif(problems: Problem[], t: Translate): string {
  const codes = [...new Set(problems.map((p) => p.code))].sort();
  const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'aftersales', version, rules: codes.map((c) => ({ id: `aftersales/check/${c}`, name: c })) } },
      originalUriBaseIds: { LEDGER: { description: { text: 'the ledger root' } } },
      results: problems.map((p) => {
        const hint = problemHint(p, t);
        return {
          ruleId: `aftersales/check/${p.code}`,
          ruleIndex: codes.indexOf(p.code),
          level: p.severity === 'error' ? 'error' : 'warning',
          message: { text: hint ? `${problemMessage(p, t)} (${hint})` : problemMessage(p, t) },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: p.file, uriBaseId: 'LEDGER' },
              region: { startLine: Math.max(1, p.line), startColumn: Math.max(1, p.column), endLine: Math.max(1, p.endLine), endColumn: Math.max(1, p.endColumn) },
            },
          }],
        };
      }),
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
