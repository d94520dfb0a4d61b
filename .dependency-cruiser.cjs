// The layers of src/ (README "Architecture"), lowest first; an import only ever points down:
//   time ← cache ← ledger ← quality ← planning, recording, acting, team ← report ← commands ← cli
// io/, i18n/ and errors.ts are shared leaves (imported by any layer, importing only each other).
// No cycles, but for type-only imports. `npm test` runs this check (`npm run layers`).
const layers = ['time', 'cache', 'ledger', 'quality', '(planning|recording|acting|team)', 'report', 'commands', 'cli'];
const above = (i) => `^src/(${layers.slice(i + 1).join('|')})(/|\\.ts$)`;
const names = ['time', 'cache', 'ledger', 'quality', 'domain', 'report', 'commands'];

module.exports = {
  forbidden: [
    ...layers.slice(0, -1).map((layer, i) => ({
      name: `${names[i]}-imports-only-below`,
      comment: `src/${layer}/ may import only from the layers below it (and the shared leaves)`,
      severity: 'error',
      from: { path: `^src/${layer}/` },
      to: { path: above(i) },
    })),
    {
      name: 'shared-leaves-import-only-leaves',
      comment: 'io/, i18n/ and errors.ts are imported by every layer, so they import none of them',
      severity: 'error',
      from: { path: '^src/(io/|i18n/|errors\\.ts$)' },
      to: { path: '^src/', pathNot: '^src/(io/|i18n/|errors\\.ts$)' },
    },
    {
      name: 'no-cycles',
      comment: 'a cycle of runtime imports (type-only imports may point both ways)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
