import type { ESLint, Linter, Rule as Eslint } from 'eslint';
import { rules } from '../analysis';
import { eslintRule, eslintSeverity, SharedAnalysis } from './eslintRule';
import { LintSession, type LintSessionOptions } from './lintSession';

/** Rule names are `next-after/<rule-id>`. */
export const PLUGIN_NAMESPACE = 'next-after';

/** The files the recommended config covers: those a Next.js app writes its code in. */
export const RECOMMENDED_FILES = ['**/*.{ts,tsx,js,jsx,mjs}'];

declare const NEXT_AFTER_LINT_VERSION: string;
const VERSION = typeof NEXT_AFTER_LINT_VERSION === 'string' ? NEXT_AFTER_LINT_VERSION : 'development';

export interface NextAfterPlugin extends ESLint.Plugin {
  rules: Record<string, Eslint.RuleModule>;
  configs: { recommended: Linter.Config };
}

/**
 * The ESLint plugin: every engine rule as an ESLint rule, all of them sharing one session (project
 * index, apps, disk) for as long as the plugin object lives, which is the ESLint process for the
 * exported one. Tests make their own, with their own clock.
 */
export function createPlugin(options: LintSessionOptions = {}): NextAfterPlugin {
  const session = new LintSession(options);
  const shared = new SharedAnalysis((context, ruleIds) =>
    session.findings(
      { filename: context.filename, cwd: context.cwd, text: context.sourceCode.text, settings: context.settings?.nextAfterLint },
      rules.filter((rule) => ruleIds.has(rule.meta.id)),
    ),
  );
  const plugin: NextAfterPlugin = {
    meta: { name: 'next-after-lint', version: VERSION, namespace: PLUGIN_NAMESPACE },
    rules: Object.fromEntries(rules.map((rule) => [rule.meta.id, eslintRule(rule.meta, shared)])),
    configs: { recommended: {} },
  };
  plugin.configs.recommended = {
    name: `${PLUGIN_NAMESPACE}/recommended`,
    files: RECOMMENDED_FILES,
    plugins: { [PLUGIN_NAMESPACE]: plugin },
    rules: Object.fromEntries(rules.map((rule) => [`${PLUGIN_NAMESPACE}/${rule.meta.id}`, eslintSeverity(rule.meta.defaultSeverity)])),
  };
  return plugin;
}
