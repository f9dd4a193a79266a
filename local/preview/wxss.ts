/**
 * WXSS → browser CSS for the web preview, matching how j-component renders: class names of a
 * component's template carry the prefix `<prefix>--`, built-in tags render as `wx-<tag>`,
 * `page` is the page host element, and rpx scale to a 375 px wide phone (1rpx = 0.5px).
 */
import fs from 'node:fs';
import path from 'node:path';
import postcss from 'postcss';

export const BUILTIN_TAGS = [
  'view',
  'text',
  'button',
  'image',
  'input',
  'textarea',
  'scroll-view',
  'swiper',
  'swiper-item',
  'icon',
  'progress',
  'rich-text',
  'checkbox',
  'checkbox-group',
  'radio',
  'radio-group',
  'label',
  'form',
  'picker',
  'picker-view',
  'picker-view-column',
  'slider',
  'switch',
  'navigator',
  'canvas',
  'map',
  'video',
  'cover-view',
  'cover-image',
  'movable-area',
  'movable-view',
  'block',
  'editor',
  'web-view',
  'page-meta',
  'navigation-bar',
  'root-portal',
] as const;

const TAG_SET = new Set<string>(BUILTIN_TAGS);

/** `@import` inlined recursively (paths relative to the importing file). */
export function readWxss(file: string, seen = new Set<string>()): string {
  if (seen.has(file) || !fs.existsSync(file)) return '';
  seen.add(file);
  const text = fs.readFileSync(file, 'utf8');
  return text.replace(/@import\s+(?:"([^"]+)"|'([^']+)')\s*;?/g, (_all, a: string | undefined, b: string | undefined) => {
    const target = path.resolve(path.dirname(file), a ?? b ?? '');
    return readWxss(target, seen);
  });
}

function rpxToPx(value: string): string {
  return value.replace(/(-?\d*\.?\d+)rpx/gi, (_m, n: string) => `${+(parseFloat(n) / 2).toFixed(3)}px`);
}

function rewriteSelector(selector: string, prefix: string, pageSelector: string): string {
  // class names: .foo → .prefix--foo (not inside attribute selectors or numbers like .5)
  let out = selector.replace(/(?<![\d\\])\.(-?[_a-zA-Z][\w-]*)/g, (_m, name: string) => `.${prefix}--${name}`);
  // tag names: view → wx-view, page → the page host; only bare element tokens
  out = out.replace(/(^|[\s>+~,(])([a-z][a-z-]*)(?=$|[\s.:#[>+~,)])/g, (m, pre: string, tag: string) => {
    if (tag === 'page') return `${pre}${pageSelector}`;
    if (TAG_SET.has(tag)) return `${pre}wx-${tag}`;
    return m;
  });
  return out.replace(/:host/g, `.${prefix}--host`);
}

export interface ConvertOptions {
  /** Class prefix of the component (its tag name in j-component). */
  prefix: string;
  /** Selector standing for `page` (the page host). */
  pageSelector?: string;
}

export function convertWxss(source: string, opts: ConvertOptions): string {
  const pageSelector = opts.pageSelector ?? '.mp-page';
  let root: postcss.Root;
  try {
    root = postcss.parse(source);
  } catch {
    return `/* ${opts.prefix}: unreadable wxss skipped */`;
  }
  root.walkRules((rule) => {
    const parent = rule.parent as postcss.Container & { type: string; name?: string };
    if (parent.type === 'atrule' && /keyframes/i.test(parent.name ?? '')) return;
    rule.selectors = rule.selectors.map((s) => rewriteSelector(s, opts.prefix, pageSelector));
  });
  root.walkDecls((decl) => {
    if (decl.value.includes('rpx')) decl.value = rpxToPx(decl.value);
  });
  root.walkAtRules((at) => {
    // the preview works offline: no web fonts from CDNs (TDesign's icon font)
    if (at.name === 'font-face' && /https?:\/\//.test(at.toString())) {
      at.remove();
      return;
    }
    if (at.params.includes('rpx')) at.params = rpxToPx(at.params);
  });
  return root.toString();
}
