/** The engine's public surface: the language server and the CLI import only from here. */
export { analyzeFile } from './analyzeFile';
export { fixAll, isAutomaticFix, type FixAllResult } from './fixAll';
export { applyEdits, fixKeepsSyntax } from './edits/applyEdits';
export { rules, ruleById, ruleIds } from './rules';
export { normaliseSettings, mergeSettings, type NormalisedSettings } from './settings';
export { findNextApp, appRelativePath, type NextApp, type ReadTextFile } from './project/nextApp';
export { ruleDocUrl, DIAGNOSTIC_SOURCE, DOCS_BASE_URL } from './docs';
export { looksBinary } from './parse';
export type * from './types';
export { afterCompletionAt, type AfterCompletion } from './assist/afterCompletion';
export { afterHoverAt, type AfterHover } from './assist/afterHover';
export { ProjectHost, diskFileSystem, typeScriptLibFolder, type SemanticFileSystem } from './semantic/projectHost';
export type { TypeInfo, TypeFacts } from './semantic/typeFacts';
