import fs from 'node:fs';
import path from 'node:path';
import { diffFields } from './changes';
import { ACTIONS, describeChange, noteOf } from './labels';

describe('diffFields', () => {
  it('keeps only the fields that differ, dates as text, key order ignored', () => {
    const before = { settings: { topN: 5, blindHours: 0 }, voting: { endsAt: new Date('2026-03-31T16:00:00Z') }, location: { name: '活动室', latitude: 1 } };
    const after = { settings: { topN: 6, blindHours: 0 }, voting: { endsAt: new Date('2026-04-01T16:00:00Z') }, location: { latitude: 1, name: '活动室' } };
    expect(diffFields(before, after, ['settings.topN', 'settings.blindHours', 'voting.endsAt', 'location'])).toEqual([
      { field: 'settings.topN', before: 5, after: 6 },
      { field: 'voting.endsAt', before: '2026-04-01T00:00:00.000+08:00', after: '2026-04-02T00:00:00.000+08:00' },
    ]);
  });

  it('reads a missing value as null', () => {
    expect(diffFields({ voting: {} }, { voting: { perDay: 3 } }, ['voting.perDay'])).toEqual([{ field: 'voting.perDay', before: null, after: 3 }]);
  });
});

describe('describeChange', () => {
  it('names fields in Chinese and writes values as people read them', () => {
    expect(describeChange('contest', { field: 'settings.topN', before: 5, after: 6 })).toEqual({
      field: 'settings.topN',
      label: '获奖名额',
      before: '5',
      after: '6',
    });
    expect(describeChange('contest', { field: 'status', before: 'open', after: 'frozen' })).toMatchObject({ label: '状态', before: '投票中', after: '已封票' });
    expect(describeChange('activity', { field: 'status', before: 'draft', after: 'published' })).toMatchObject({ before: '草稿', after: '已发布' });
    expect(describeChange('contest', { field: 'voting.perDay', before: null, after: 3 })).toMatchObject({ before: '不限', after: '3' });
    expect(describeChange('contest', { field: 'voting.endsAt', before: null, after: '2026-04-01T16:00:00.000Z' })).toMatchObject({
      before: '（无）',
      after: '2026-04-02 00:00',
    });
    expect(
      describeChange('project', {
        field: 'planned',
        before: [{ type: '共建劳动', sessions: 1 }],
        after: [
          { type: '共建劳动', sessions: 4 },
          { type: '议事会', sessions: 2 },
        ],
      }),
    ).toMatchObject({
      label: '计划活动',
      before: '共建劳动 1 次',
      after: '共建劳动 4 次、议事会 2 次',
    });
    expect(describeChange('activity', { field: 'cancelRule', before: { kind: 'none' }, after: { kind: 'beforeStart', hours: 24 } })).toMatchObject({
      before: '不可取消',
      after: '开始前 24 小时可取消',
    });
    expect(describeChange('activity', { field: 'checkin.minShare', before: 0.6, after: 0.8 })).toMatchObject({ before: '60%', after: '80%' });
    expect(describeChange('activity', { field: 'somethingNew', before: 1, after: 2 }).label).toBe('其他设置');
  });
});

describe('labels', () => {
  it('labels every action the functions record (none shows as 其他操作)', () => {
    const root = path.resolve(__dirname, '..');
    const sources = fs
      .readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => fs.readFileSync(path.join(root, f), 'utf8'))
      .join('\n');
    const recorded = new Set(
      [...sources.matchAll(/action: '([a-zA-Z]+\.[a-zA-Z]+)'/g), ...sources.matchAll(/auditActivity\(ctx, '([a-zA-Z.]+)'/g)].map((m) => m[1]),
    );
    expect([...recorded].filter((a) => !(a in ACTIONS)).sort()).toEqual([]);
  });

  it('has a Chinese label for every action', () => {
    for (const spec of Object.values(ACTIONS)) expect(spec.label).toMatch(/^[\u4e00-\u9fff]+$/);
  });

  it('says what happened besides the changes, with titles from the reader', () => {
    const titleOf = () => '悦园花园';
    expect(noteOf('role.grant', { role: 'organizer', projectId: 'p1' }, titleOf)).toBe('项目「悦园花园」的组织者');
    expect(noteOf('vote.void', { voided: 2, alreadyVoid: 1, reason: '重复账号' }, titleOf)).toBe('作废 2 票；1 票此前已作废；原因：重复账号');
    expect(noteOf('activity.cancel', { reason: '下雨', notified: 3 }, titleOf)).toBe('原因：下雨；已通知 3 人');
  });
});
