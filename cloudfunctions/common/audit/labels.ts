/**
 * The audit log in words: what each action is called, what each field is called and how its
 * values read (times in Beijing time, 是/否, statuses in Chinese). Pure: the log's reader
 * (read.ts) supplies names and titles; nothing here shows an id or an English key.
 */
import type { AuditChange, AuditFilterOption } from '../../../typings';
import { formatShanghai } from '../platform/time';
import type { AuditValue, FieldChange } from './changes';

/** What an entry's target is. */
export type TargetKind = 'contest' | 'project' | 'activity' | 'person' | 'invite';

export const KIND_LABELS: Record<TargetKind, string> = { contest: '评选', project: '项目', activity: '活动', person: '人员', invite: '邀请码' };

interface ActionSpec {
  label: string;
  /** What the target of this action is (stored entries may say otherwise). */
  kind: TargetKind;
}

/** Every action the functions record, in the order the filter lists them. */
export const ACTIONS: Record<string, ActionSpec> = {
  'contest.create': { label: '创建评选', kind: 'contest' },
  'contest.update': { label: '修改评选设置', kind: 'contest' },
  'contest.status': { label: '更改评选状态', kind: 'contest' },
  'contest.publish': { label: '公布结果', kind: 'contest' },
  'project.create': { label: '添加项目', kind: 'project' },
  'project.update': { label: '修改项目', kind: 'project' },
  'project.reorder': { label: '调整项目顺序', kind: 'contest' },
  'vote.void': { label: '作废投票', kind: 'contest' },
  'contest.setScoring': { label: '设置评审规则', kind: 'contest' },
  'contest.closeScoring': { label: '结束评审打分', kind: 'contest' },
  'contest.importRoster': { label: '导入居民名单', kind: 'contest' },
  'project.showcase': { label: '更新项目封面和相册', kind: 'project' },
  'outcomes.set': { label: '填报成果数据', kind: 'project' },
  'outcomes.review': { label: '审核成果数据', kind: 'project' },
  'report.programmePdf': { label: '生成成果册', kind: 'contest' },
  'vote.reconcile': { label: '核对并修正票数', kind: 'contest' },
  'activity.create': { label: '创建活动', kind: 'activity' },
  'activity.update': { label: '修改活动', kind: 'activity' },
  'activity.cancel': { label: '取消活动', kind: 'activity' },
  'activity.approve': { label: '报名审核通过', kind: 'activity' },
  'activity.reject': { label: '报名审核不通过', kind: 'activity' },
  'activity.export': { label: '导出活动名单', kind: 'activity' },
  'checkin.manual': { label: '手动签到', kind: 'activity' },
  'checkin.signOut': { label: '代为签退', kind: 'activity' },
  'checkin.configure': { label: '修改签到设置', kind: 'activity' },
  'role.grant': { label: '授予权限', kind: 'person' },
  'role.revoke': { label: '收回权限', kind: 'person' },
  'role.invite': { label: '发出邀请', kind: 'invite' },
  'role.accept': { label: '接受邀请', kind: 'invite' },
  'role.name': { label: '设置姓名', kind: 'person' },
  'report.export': { label: '导出数据表', kind: 'contest' },
  'media.reject': { label: '撤下违规图片', kind: 'project' },
};

export function actionLabel(action: string): string {
  return ACTIONS[action]?.label ?? '其他操作';
}

export function actionKind(action: string): TargetKind | undefined {
  return ACTIONS[action]?.kind;
}

export function actionOptions(): AuditFilterOption[] {
  return Object.entries(ACTIONS).map(([value, spec]) => ({ value, label: spec.label }));
}

const NONE = '（无）';

const CONTEST_STATUS: Record<string, string> = { draft: '草稿', open: '投票中', frozen: '已封票', published: '已公布' };
const ACTIVITY_STATUS: Record<string, string> = { draft: '草稿', published: '已发布', cancelled: '已取消' };
export const ROLE_LABELS: Record<string, string> = { admin: '管理员', organizer: '组织者' };

type Format = (v: AuditValue) => string;

const asText: Format = (v) => {
  if (v === null || v === '') return NONE;
  if (typeof v === 'string') return [...v].length > 40 ? `${[...v].slice(0, 40).join('')}…` : v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  return '已修改';
};
const orUnlimited: Format = (v) => (v === null ? '不限' : asText(v));
const time: Format = (v) => {
  if (typeof v !== 'string') return NONE;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? NONE : formatShanghai(d, 'YYYY-MM-DD HH:mm');
};
const oneOf =
  (names: Record<string, string>): Format =>
  (v) =>
    typeof v === 'string' ? (names[v] ?? asText(v)) : asText(v);
const list =
  (item: (x: { [key: string]: AuditValue }) => string): Format =>
  (v) => {
    if (!Array.isArray(v) || !v.length) return NONE;
    return v.map((x) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? item(x) : asText(x))).join('、');
  };
const planned = list((p) => `${asText(p.type ?? null)} ${asText(p.sessions ?? 0)} 次`);
const questions = list((f) => asText(f.label ?? null));
const place: Format = (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? asText(v.name ?? null) : asText(v));
const image: Format = (v) => (v ? '已设置图片' : NONE);
const share: Format = (v) => (typeof v === 'number' ? `${Math.round(v * 100)}%` : asText(v));
const cancelRule: Format = (v) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return asText(v);
  if (v.kind === 'none') return '不可取消';
  if (v.kind === 'untilDeadline') return '报名截止前可取消';
  if (v.kind === 'beforeStart') return `开始前 ${asText(v.hours ?? 0)} 小时可取消`;
  return '已修改';
};

interface FieldSpec {
  label: string;
  format?: Format;
}

/**
 * Field names by path; `<kind>:<path>` where the same path means different things (a contest's
 * status is not an activity's).
 */
const FIELDS: Record<string, FieldSpec> = {
  title: { label: '名称' },
  description: { label: '简介' },
  'voting.startsAt': { label: '投票开始时间', format: time },
  'voting.endsAt': { label: '投票结束时间', format: time },
  'voting.perProjectPerDay': { label: '每人每天可投同一项目票数' },
  'voting.perDay': { label: '每人每天最多投票数', format: orUnlimited },
  'voting.total': { label: '每人总共最多投票数', format: orUnlimited },
  'settings.topN': { label: '获奖名额' },
  'settings.blindHours': { label: '结束前隐藏票数（小时）' },
  'settings.hideCountsWhenFrozen': { label: '封票后隐藏票数' },
  'settings.rateLimit.max': { label: '防刷票：时间窗内最多投票次数' },
  'settings.rateLimit.windowSeconds': { label: '防刷票：时间窗（秒）' },
  'contest:status': { label: '状态', format: oneOf(CONTEST_STATUS) },
  'project:title': { label: '项目名称' },
  team: { label: '团队' },
  community: { label: '社区' },
  summary: { label: '项目简介' },
  planned: { label: '计划活动', format: planned },
  coverImage: { label: '封面图片', format: image },
  'activity:title': { label: '活动名称' },
  'activity:status': { label: '状态', format: oneOf(ACTIVITY_STATUS) },
  startsAt: { label: '开始时间', format: time },
  endsAt: { label: '结束时间', format: time },
  signupEndsAt: { label: '报名截止时间', format: time },
  capacity: { label: '名额' },
  type: { label: '活动类型' },
  location: { label: '地点', format: place },
  approval: { label: '报名需审核' },
  requiresSignup: { label: '须先报名才能签到' },
  fields: { label: '报名问题', format: questions },
  cancelRule: { label: '取消规则', format: cancelRule },
  'checkin.opensBeforeMin': { label: '开始前几分钟开放签到' },
  'checkin.closesAfterMin': { label: '结束后几分钟内仍可签到' },
  'checkin.signOut': { label: '需要签退（志愿服务时长）' },
  'checkin.minShare': { label: '计入时长的最低在场比例', format: share },
  role: { label: '权限', format: oneOf(ROLE_LABELS) },
  name: { label: '姓名' },
};

function fieldSpec(kind: TargetKind | undefined, field: string): FieldSpec {
  return (kind && FIELDS[`${kind}:${field}`]) || FIELDS[field] || { label: '其他设置' };
}

/** One change in words: 获奖名额 5 → 6. */
export function describeChange(kind: TargetKind | undefined, change: FieldChange): AuditChange {
  const spec = fieldSpec(kind, change.field);
  const format = spec.format ?? asText;
  return { field: change.field, label: spec.label, before: format(change.before), after: format(change.after) };
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Facts of an entry other than field changes, in words; titles of scopes come from `titleOf`. */
export function noteOf(action: string, detail: Record<string, unknown>, titleOf: (kind: TargetKind, id: string) => string | undefined): string {
  const parts: string[] = [];
  const scope = () => {
    const project = str(detail.projectId) && titleOf('project', str(detail.projectId));
    const activity = str(detail.activityId) && titleOf('activity', str(detail.activityId));
    if (project) return `项目「${project}」`;
    if (activity) return `活动「${activity}」`;
    return '';
  };
  switch (action) {
    case 'role.grant':
    case 'role.revoke':
    case 'role.invite':
    case 'role.accept': {
      const role = ROLE_LABELS[str(detail.role)] ?? '';
      const where = scope();
      if (role) parts.push(where ? `${where}的${role}` : role);
      if (str(detail.name) && action === 'role.invite') parts.push(`邀请 ${str(detail.name)}`);
      break;
    }
    case 'vote.void':
      parts.push(`作废 ${num(detail.voided)} 票`);
      if (num(detail.alreadyVoid)) parts.push(`${num(detail.alreadyVoid)} 票此前已作废`);
      if (str(detail.reason)) parts.push(`原因：${str(detail.reason)}`);
      break;
    case 'vote.reconcile': {
      const fixes = Array.isArray(detail.fixes) ? detail.fixes.length : 0;
      if (fixes) parts.push(`修正了 ${fixes} 个项目的票数`);
      if (num(detail.quotasFixed)) parts.push(`修正了 ${num(detail.quotasFixed)} 条每日票数记录`);
      break;
    }
    case 'activity.cancel':
      if (str(detail.reason)) parts.push(`原因：${str(detail.reason)}`);
      parts.push(`已通知 ${num(detail.notified)} 人`);
      break;
    case 'activity.approve':
    case 'activity.reject':
    case 'checkin.manual':
    case 'checkin.signOut':
      if (str(detail.name)) parts.push(str(detail.name));
      if (detail.status === 'waitlisted') parts.push('名额已满，进入候补');
      break;
    case 'activity.export':
      parts.push(`${num(detail.rows)} 人`);
      break;
    case 'report.export':
      if (str(detail.fileName)) parts.push(str(detail.fileName));
      if (detail.signupRows !== undefined) parts.push(`报名名单 ${num(detail.signupRows)} 行`);
      if (detail.ledgerRows !== undefined) parts.push(`投票明细 ${num(detail.ledgerRows)} 行`);
      break;
    case 'project.reorder':
      parts.push('调整了项目的展示顺序');
      break;
    case 'media.reject':
      parts.push('微信内容安全判定图片违规，已撤下');
      break;
    default: {
      const project = scope();
      if (project && action.startsWith('activity.')) parts.push(`所属${project}`);
    }
  }
  return parts.filter(Boolean).join('；');
}
