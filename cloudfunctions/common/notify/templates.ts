/**
 * The one configuration of subscription-message templates (订阅消息模板).
 *
 * A deployer picks each template in the mini-program admin console (功能 → 订阅消息 → 公共模板库),
 * with the fields listed here, and replaces the placeholder `id` below with the console's
 * template id. The same ids go into miniprogram/services/subscribe-ids.ts (the client asks for
 * them); a unit test checks the two lists agree. If the console numbers the fields differently
 * (thing1 vs thing2), change `key` here: the sender builds `data` from this table only.
 *
 * Messages in the outbox carry plain facts (`data.title`, `data.startsAt` as ISO …); each
 * field below says which fact fills it (`from`), its WeChat value type (limits and formats in
 * format.ts) and the text used when the fact is missing (WeChat refuses empty values).
 */
import type { TemplateKey } from '../../../typings';

/** WeChat's value types of template fields (key prefix = type, e.g. thing1, time2). */
export type FieldType = 'thing' | 'time' | 'date' | 'phrase' | 'name' | 'number' | 'letter' | 'character_string' | 'phone_number' | 'amount';

export interface TemplateField {
  /** The field key in the console's template, e.g. "thing1". */
  key: string;
  type: FieldType;
  /** The fact in the outbox message's `data` that fills this field. */
  from: string;
  /** What the resident sees as the field's label (for docs and the local preview). */
  label: string;
  /** Used when the fact is missing or blank (time fields: the send time). */
  fallback: string;
}

export interface TemplateConfig {
  /** Template id from the admin console. Placeholder until a deployer replaces it. */
  id: string;
  /** The template's title in the public library (what to search for in the console). */
  title: string;
  fields: TemplateField[];
  /** The page the message opens; `{activityId}`/`{contestId}` come from the message's data. */
  page: string;
}

const ACTIVITY_PAGE = 'pages/activity/index?id={activityId}';

const activityName = (key = 'thing1'): TemplateField => ({ key, type: 'thing', from: 'title', label: '活动名称', fallback: '社区活动' });
const activityTime = (key = 'time2'): TemplateField => ({ key, type: 'time', from: 'startsAt', label: '活动时间', fallback: '' });
const activityPlace = (key = 'thing3'): TemplateField => ({ key, type: 'thing', from: 'place', label: '活动地点', fallback: '以活动详情为准' });

export const TEMPLATES: Record<TemplateKey, TemplateConfig> = {
  signupConfirmed: {
    id: 'TEMPLATE_ID_SIGNUP_CONFIRMED',
    title: '活动报名成功通知',
    fields: [
      activityName(),
      activityTime(),
      activityPlace(),
      { key: 'name4', type: 'name', from: 'name', label: '报名人', fallback: '居民' },
      { key: 'phrase5', type: 'phrase', from: 'status', label: '报名状态', fallback: '报名成功' },
    ],
    page: ACTIVITY_PAGE,
  },
  promoted: {
    id: 'TEMPLATE_ID_PROMOTED',
    title: '候补成功通知',
    fields: [
      activityName(),
      activityTime(),
      activityPlace(),
      { key: 'thing4', type: 'thing', from: 'status', label: '温馨提示', fallback: '候补成功，已为您保留名额' },
    ],
    page: ACTIVITY_PAGE,
  },
  reminder: {
    id: 'TEMPLATE_ID_REMINDER',
    title: '活动开始提醒',
    fields: [
      activityName(),
      activityTime(),
      activityPlace(),
      { key: 'thing4', type: 'thing', from: 'tip', label: '温馨提示', fallback: '活动即将开始，请准时参加' },
    ],
    page: ACTIVITY_PAGE,
  },
  activityChanged: {
    id: 'TEMPLATE_ID_ACTIVITY_CHANGED',
    title: '活动变更通知',
    fields: [
      activityName(),
      activityTime(),
      { key: 'thing3', type: 'thing', from: 'change', label: '变更内容', fallback: '活动信息有变更，请查看详情' },
      activityPlace('thing4'),
    ],
    page: ACTIVITY_PAGE,
  },
  resultPublished: {
    id: 'TEMPLATE_ID_RESULT_PUBLISHED',
    title: '评选结果通知',
    fields: [
      { key: 'thing1', type: 'thing', from: 'title', label: '评选名称', fallback: '微项目评选' },
      { key: 'thing2', type: 'thing', from: 'result', label: '评选结果', fallback: '评选结果已公布，点击查看' },
      { key: 'time3', type: 'time', from: 'publishedAt', label: '公布时间', fallback: '' },
    ],
    page: 'pages/contest/index?id={contestId}',
  },
  checkinThanks: {
    id: 'TEMPLATE_ID_CHECKIN_THANKS',
    title: '签到成功通知',
    fields: [
      activityName(),
      { key: 'time2', type: 'time', from: 'checkedInAt', label: '签到时间', fallback: '' },
      { key: 'thing3', type: 'thing', from: 'tip', label: '温馨提示', fallback: '感谢您的参与！' },
    ],
    page: ACTIVITY_PAGE,
  },
};

/** Template ids a deployer has not replaced yet (the sender still sends; WeChat would refuse). */
export function placeholderIds(): TemplateKey[] {
  return (Object.keys(TEMPLATES) as TemplateKey[]).filter((k) => TEMPLATES[k].id.startsWith('TEMPLATE_ID_'));
}

/** Title and field labels by template id: lets a viewer show a message as the phone does. */
export function templateCatalog(): Record<string, { title: string; labels: Record<string, string> }> {
  const out: Record<string, { title: string; labels: Record<string, string> }> = {};
  for (const t of Object.values(TEMPLATES)) out[t.id] = { title: t.title, labels: Object.fromEntries(t.fields.map((f) => [f.key, f.label])) };
  return out;
}
