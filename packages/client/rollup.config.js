/**
 * Turns tsc's output (dist/tsc) into the two files the package ships:
 * - dist/index.js: one ES module; @trpc/client stays a dependency;
 * - dist/index.d.ts: one self-contained declaration file (rollup-plugin-dts).
 *
 * Workspace packages are marked external so that nothing of theirs can slip in: router.ts makes
 * tsc spell the router out, and `publishedImportsOnly` fails the build if either file still
 * imports anything but a dependency this package declares (a workspace package, a `.ts` path).
 */
import { dts } from 'rollup-plugin-dts';
import manifest from './package.json' with { type: 'json' };

const dependencies = Object.keys(manifest.dependencies ?? {});
const external = [/^@trpc\//, /^@outlay\//];

/** Every module specifier in the emitted code: `from '…'`, `import '…'` and `import("…")`. */
function specifiers(code) {
  const found = [];
  for (const match of code.matchAll(
    /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    found.push(match[1] ?? match[2] ?? match[3]);
  }
  return found;
}

function publishedImportsOnly() {
  return {
    name: 'published-imports-only',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const stray = specifiers(chunk.code).filter(
          (specifier) =>
            !dependencies.some((d) => specifier === d || specifier.startsWith(`${d}/`)),
        );
        if (stray.length > 0) {
          this.error(
            `${chunk.fileName} imports ${[...new Set(stray)].join(', ')}, which a project ` +
              `installing @outlay/client does not have (dependencies: ${dependencies.join(', ')}).`,
          );
        }
      }
    },
  };
}

export default [
  {
    input: 'dist/tsc/index.js',
    output: { file: 'dist/index.js', format: 'es' },
    external,
    plugins: [publishedImportsOnly()],
  },
  {
    input: 'dist/tsc/index.d.ts',
    output: { file: 'dist/index.d.ts', format: 'es' },
    external,
    plugins: [dts({ tsconfig: 'tsconfig.build.json' }), publishedImportsOnly()],
  },
];
