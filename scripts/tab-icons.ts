/**
 * Draws the tab bar icons (81×81 PNG, grey and brand colour) into miniprogram/assets/tab/ with
 * headless Chromium. Run again after changing a shape or the theme colours; the PNGs are committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { withChromium } from '../test/support/browser';

const OUT = path.resolve(__dirname, '..', 'miniprogram', 'assets', 'tab');
const COLORS = { normal: '#4a5059', active: '#d9480f' };

/** 24×24 shapes, the same the web preview draws. */
export const TAB_ICONS: Record<string, string> = {
  home: '<path d="M3 10.5 12 3l9 7.5V21h-6v-6H9v6H3z"/>',
  activities: '<path d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h3zm12 8H5v9h14zM7 12h4v4H7z"/>',
  me: '<circle cx="12" cy="8" r="4.5"/><path d="M3 21c0-4.4 4-7.5 9-7.5s9 3.1 9 7.5z"/>',
};

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  await withChromium(async (context) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 81, height: 81 });
    for (const [name, shape] of Object.entries(TAB_ICONS)) {
      for (const [state, color] of Object.entries(COLORS)) {
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="81" height="81" fill="${color}">${shape}</svg>`;
        await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
        const file = path.join(OUT, `${name}${state === 'active' ? '-active' : ''}.png`);
        await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: 81, height: 81 }, scale: 'css' });
        console.log(`  ${path.relative(process.cwd(), file)}`);
      }
    }
  });
}

if (require.main === module) {
  // Nothing is left running once Chromium is closed, so only a failure needs an exit code.
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
