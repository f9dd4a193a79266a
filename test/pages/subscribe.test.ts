/** services/subscribe: WeChat's dialog answers → notify.grant, never in the way of the action. */
import { installWx, type Backend } from './harness';
import { askForTemplates, signupTemplates } from '../../miniprogram/services/notify';
import { SUBSCRIBE_TEMPLATE_IDS as IDS } from '../../miniprogram/services/subscribe-ids';

let answer: (name: string, data: Record<string, unknown>) => Promise<unknown> = async () => ({ ok: true, data: { grants: {} } });
const backend: Backend = { mode: 'fixtures', call: (n, d) => answer(n, d), stop: async () => undefined };
const stub = installWx(() => backend);
const wxGlobal = (): Record<string, unknown> => (globalThis as unknown as { wx: Record<string, unknown> }).wx;

type Dialog = (tmplIds: string[]) => Record<string, string> | null;
let dialog: Dialog = () => null;
let asked: string[][] = [];
let always: Record<string, string> = {};

beforeEach(() => {
  stub.log.calls.length = 0;
  stub.log.toasts.length = 0;
  asked = [];
  always = {};
  const w = wxGlobal();
  w.requestSubscribeMessage = (o: { tmplIds: string[]; success?: (r: Record<string, string>) => void; fail?: (e: { errMsg: string }) => void }) => {
    asked.push(o.tmplIds);
    const res = dialog(o.tmplIds);
    if (res) o.success?.({ errMsg: 'requestSubscribeMessage:ok', ...res });
    else o.fail?.({ errMsg: 'requestSubscribeMessage:fail cancel' });
  };
  w.getSetting = (o: { success?: (r: { subscriptionsSetting: { mainSwitch: boolean; itemSettings: Record<string, string> } }) => void }) =>
    o.success?.({ subscriptionsSetting: { mainSwitch: true, itemSettings: always } });
});

test('reports each answer by template key, with "always" and the contest, and returns the grants', async () => {
  dialog = () => ({ [IDS.signupConfirmed]: 'accept', [IDS.reminder]: 'reject', [IDS.activityChanged]: 'filter' });
  always = { [IDS.signupConfirmed]: 'accept' };
  answer = async () => ({ ok: true, data: { grants: { signupConfirmed: 2, reminder: 0 } } });
  const grants = await askForTemplates(signupTemplates(false), { contestId: 'c1' });
  expect(asked).toEqual([[IDS.signupConfirmed, IDS.reminder, IDS.activityChanged]]);
  expect(stub.log.calls).toEqual([
    expect.objectContaining({
      name: 'notify',
      data: { action: 'grant', results: { signupConfirmed: 'accept', reminder: 'reject' }, alwaysAccepted: ['signupConfirmed'], contestId: 'c1' },
    }),
  ]);
  expect(grants).toEqual({ signupConfirmed: 2, reminder: 0 });
  expect(stub.log.toasts).toEqual([]);
});

test('asks for at most 3 templates (WeChat limit), the waitlist asks for the promotion', async () => {
  dialog = (ids) => Object.fromEntries(ids.map((id) => [id, 'accept']));
  await askForTemplates(['promoted', 'reminder', 'activityChanged', 'checkinThanks']);
  expect(asked[0]).toHaveLength(3);
  expect(signupTemplates(true)).toEqual(['promoted', 'reminder', 'activityChanged']);
});

test('a closed dialog, a failing call or no API: null, no toast, no throw', async () => {
  dialog = () => null;
  expect(await askForTemplates(['reminder'])).toBeNull();
  expect(stub.log.calls).toHaveLength(0);
  dialog = () => ({ [IDS.reminder]: 'accept' });
  answer = async () => ({ ok: false, code: 'INTERNAL', message: 'x' });
  expect(await askForTemplates(['reminder'])).toBeNull();
  expect(stub.log.toasts).toEqual([]);
  delete wxGlobal().requestSubscribeMessage;
  expect(await askForTemplates(['reminder'])).toBeNull();
});
