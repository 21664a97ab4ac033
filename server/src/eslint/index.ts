import { createPlugin } from './plugin';

/**
 * The entry of `next-after-lint/eslint` (dist/eslint.js, CommonJS). `module.exports` is the plugin
 * itself, so `import nextAfter from 'next-after-lint/eslint'` in an eslint.config.mjs (whose default
 * import of CommonJS is `module.exports`) and `require()` both get it. One plugin per process: its
 * project index serves every file ESLint lints there.
 */
export = createPlugin();
