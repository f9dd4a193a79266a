/** The client asks for the same template ids the functions send with (two files a deployer edits). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATES } from '../../cloudfunctions/common/notify/templates';
import { SUBSCRIBE_TEMPLATE_IDS } from '../../miniprogram/services/subscribe-ids';
import { TEMPLATE_KEYS } from '../../typings';

it('miniprogram/services/subscribe-ids.ts matches cloudfunctions/common/notify/templates.ts', () => {
  for (const key of TEMPLATE_KEYS) expect(SUBSCRIBE_TEMPLATE_IDS[key]).toBe(TEMPLATES[key].id);
  expect(new Set(Object.values(SUBSCRIBE_TEMPLATE_IDS)).size).toBe(TEMPLATE_KEYS.length);
});

it('every page a message opens is a page of the app (utils/nav.ts ROUTES), without a leading slash', () => {
  const nav = readFileSync(path.resolve(__dirname, '..', '..', 'miniprogram', 'utils', 'nav.ts'), 'utf8');
  const routes = new Set([...nav.matchAll(/'\/((?:pages|package\w+)\/[\w/-]+)'/g)].map((m) => m[1]));
  for (const key of TEMPLATE_KEYS) {
    const page = TEMPLATES[key].page;
    expect(page.startsWith('/')).toBe(false);
    expect({ key, page: routes.has(page.split('?')[0]) }).toEqual({ key, page: true });
  }
});
