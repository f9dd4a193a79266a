/**
 * What build.ts (Node) hands the browser runtime (runtime.ts) about the mini-program. Both
 * tsconfigs compile this file, so it holds plain types and code only: no DOM, no Node.
 */

export interface ComponentEntry {
  /** Path without extension, relative to the mini-program root, e.g. `pages/home/index`. */
  path: string;
  /** Class prefix (its tag name in j-component). */
  prefix: string;
  usingComponents: Record<string, string>;
  isPage: boolean;
  json: Record<string, unknown>;
}

export interface AppJson {
  pages: string[];
  subpackages?: { root: string; pages: string[] }[];
  window?: Record<string, string>;
  tabBar?: {
    color?: string;
    selectedColor?: string;
    backgroundColor?: string;
    list: { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }[];
  };
  usingComponents?: Record<string, string>;
}

export interface PreviewManifest {
  app: AppJson;
  components: Record<string, ComponentEntry>;
  /** pagesOf(app). */
  pages: string[];
  tabs: string[];
}

/** Every page of app.json: the main package's, then each subpackage's under its root. */
export function pagesOf(app: Pick<AppJson, 'pages' | 'subpackages'>): string[] {
  return [...app.pages, ...(app.subpackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
}
