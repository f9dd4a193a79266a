/** The client asks for the same template ids the functions send with (two files a deployer edits). */
import { TEMPLATES } from '../../cloudfunctions/common/notify/templates';
import { SUBSCRIBE_TEMPLATE_IDS } from '../../miniprogram/services/subscribe-ids';
import { TEMPLATE_KEYS } from '../../typings';

it('miniprogram/services/subscribe-ids.ts matches cloudfunctions/common/notify/templates.ts', () => {
  for (const key of TEMPLATE_KEYS) expect(SUBSCRIBE_TEMPLATE_IDS[key]).toBe(TEMPLATES[key].id);
  expect(new Set(Object.values(SUBSCRIBE_TEMPLATE_IDS)).size).toBe(TEMPLATE_KEYS.length);
});
