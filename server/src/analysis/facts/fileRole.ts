/** What a file is by its place in the app, before looking at its code. */
export interface FileRole {
  /** Path relative to the app root, `/`-separated. */
  path: string;
  inAppRouter: boolean;
  inPagesRouter: boolean;
  /** `route.ts` under `app/`. */
  isRouteFile: boolean;
  /** `page`, `layout`, ... under `app/`: the default export renders. */
  isRenderFile: boolean;
  /** `middleware.ts` or `proxy.ts` at the app root or in `src/`. */
  middlewareExport?: 'middleware' | 'proxy';
}

const CODE_EXTENSIONS = /\.(ts|tsx|js|jsx|mjs|cjs)$/;
const RENDER_FILES = new Set(['page', 'layout', 'template', 'default', 'not-found', 'forbidden', 'unauthorized', 'loading']);

export function classifyFilePath(appRelativePath: string): FileRole {
  const path = appRelativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  const segments = path.split('/');
  const top = segments[0] === 'src' ? segments.slice(1) : segments;
  const fileName = segments[segments.length - 1] ?? '';
  const stem = fileName.replace(CODE_EXTENSIONS, '');
  const extension = CODE_EXTENSIONS.exec(fileName)?.[1];
  const inAppRouter = top.length > 1 && top[0] === 'app';
  const inPagesRouter = top.length > 1 && top[0] === 'pages';
  const atRoot = top.length === 1;
  let middlewareExport: FileRole['middlewareExport'];
  if (atRoot && (extension === 'ts' || extension === 'js') && (stem === 'middleware' || stem === 'proxy')) {
    middlewareExport = stem;
  }
  return {
    path,
    inAppRouter,
    inPagesRouter,
    isRouteFile: inAppRouter && stem === 'route' && /^(ts|js|tsx|jsx)$/.test(extension ?? ''),
    isRenderFile: inAppRouter && RENDER_FILES.has(stem) && /^(ts|js|tsx|jsx)$/.test(extension ?? ''),
    middlewareExport,
  };
}
