// ESLint for the whole code base (npm run lint; `npm run lint -- --fix` formats): typescript-eslint's
// recommended rules, and ESLint Stylistic as the formatter, set to the house style (2 spaces, single
// quotes, semicolons, trailing commas on multi-line lists, lines up to 160 characters).
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'deploy/.local/', 'test/screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  stylistic.configs.customize({ indent: 2, quotes: 'single', semi: true, commaDangle: 'always-multiline', braceStyle: '1tbs', arrowParens: true }),
  {
    languageOptions: { globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@stylistic/max-len': ['error', { code: 160, ignoreUrls: true, ignoreRegExpLiterals: true }],
      '@stylistic/operator-linebreak': ['error', 'before'],
      // The house writes short related items on one line, wrapped where the line would grow too long.
      '@stylistic/list-style': 'off',
      '@stylistic/multiline-ternary': 'off',
      '@stylistic/quote-props': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Lazily loaded modules (sharp, the AWS SDK) are typed with `import()` types.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // One-line callbacks that settle a promise (`(value) => { clearTimeout(timer); resolve(value); }`) stay on one line.
      '@stylistic/max-statements-per-line': ['error', { max: 3 }],
    },
  },
  { files: ['src/explorer/static/**/*.js'], languageOptions: { globals: globals.browser } },
);
