import { formatTime, formatValue, truncate } from './format';
import { renderMessage } from './message';
import { TEMPLATES } from './templates';
import { TEMPLATE_KEYS } from '../../../typings';

const NOW = new Date('2026-03-02T02:00:00Z');

describe('truncate', () => {
  it('keeps short text and cuts long text to the limit with an ellipsis', () => {
    expect(truncate('居民议事会', 20)).toBe('居民议事会');
    const long = '一二三四五六七八九十一二三四五六七八九十一';
    expect(truncate(long, 20)).toBe('一二三四五六七八九十一二三四五六七八九…');
    expect(Array.from(truncate(long, 20))).toHaveLength(20);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(truncate('😀'.repeat(20), 20)).toBe('😀'.repeat(20));
  });
});

describe('formatValue', () => {
  it('thing: at most 20 characters, line breaks collapsed', () => {
    expect(formatValue('thing', '福禄巷10号院\n居民议事会', '', NOW)).toBe('福禄巷10号院 居民议事会');
    expect(Array.from(formatValue('thing', 'x'.repeat(50), '', NOW))).toHaveLength(20);
  });

  it('time: YYYY年M月D日 HH:mm in Beijing time, whatever the input zone', () => {
    expect(formatValue('time', '2026-03-05T02:00:00Z', '', NOW)).toBe('2026年3月5日 10:00');
    expect(formatValue('time', '2026-12-31T23:30:00+08:00', '', NOW)).toBe('2026年12月31日 23:30');
    expect(formatValue('time', new Date('2026-01-01T16:05:00Z'), '', NOW)).toBe('2026年1月2日 00:05');
    expect(formatTime(new Date('2019-10-01T07:01:00Z'))).toBe('2019年10月1日 15:01');
  });

  it('time without a usable value shows the send time (WeChat accepts only times)', () => {
    expect(formatValue('time', undefined, '', NOW)).toBe('2026年3月2日 10:00');
    expect(formatValue('time', 'soon', '', NOW)).toBe('2026年3月2日 10:00');
  });

  it('phrase: up to 5 Chinese characters, nothing else', () => {
    expect(formatValue('phrase', '报名成功', '', NOW)).toBe('报名成功');
    expect(formatValue('phrase', '候补成功，已为您保留', '', NOW)).toBe('候补成功已');
    expect(formatValue('phrase', 'OK!', '报名成功', NOW)).toBe('报名成功');
  });

  it('name: at most 10 characters', () => {
    expect(formatValue('name', '王阿姨', '', NOW)).toBe('王阿姨');
    expect(Array.from(formatValue('name', '欧阳'.repeat(8), '', NOW))).toHaveLength(10);
  });

  it('number, letter, character_string, phone_number keep only what the type allows', () => {
    expect(formatValue('number', '共 12.5 人', '', NOW)).toBe('12.5');
    expect(formatValue('letter', 'AB-12cd', '', NOW)).toBe('ABcd');
    expect(formatValue('character_string', 'A-1 报名号 2026', '', NOW)).toBe('A-12026');
    expect(formatValue('character_string', 'x'.repeat(40), '', NOW)).toHaveLength(32);
    expect(formatValue('phone_number', '+86 138-0000-0000 转 1234', '', NOW).length).toBeLessThanOrEqual(17);
  });

  it('falls back when the fact is missing or blank', () => {
    expect(formatValue('thing', undefined, '以活动详情为准', NOW)).toBe('以活动详情为准');
    expect(formatValue('thing', '   ', '以活动详情为准', NOW)).toBe('以活动详情为准');
  });
});

describe('templates', () => {
  it('every template has fields whose keys match their type, a page and a fallback for every non-time field', () => {
    for (const key of TEMPLATE_KEYS) {
      const t = TEMPLATES[key];
      expect(t.id).not.toBe('');
      expect(t.page).toMatch(/^pages\//);
      for (const field of t.fields) {
        expect(field.key.startsWith(field.type)).toBe(true);
        if (field.type !== 'time' && field.type !== 'date') expect(field.fallback).not.toBe('');
      }
      expect(new Set(t.fields.map((x) => x.key)).size).toBe(t.fields.length);
    }
  });

  it('renders a message as the activity function writes it', () => {
    const params = renderMessage(
      {
        template: 'promoted',
        touser: 'o-1',
        page: 'pages/activity/index?id=a1',
        data: { title: '议事会', startsAt: '2026-03-05T10:00:00.000+08:00', place: '', name: '王阿姨', status: '候补成功，已为您保留名额' },
      },
      NOW,
    );
    expect(params).toEqual({
      touser: 'o-1',
      templateId: TEMPLATES.promoted.id,
      page: 'pages/activity/index?id=a1',
      data: {
        thing1: { value: '议事会' },
        time2: { value: '2026年3月5日 10:00' },
        thing3: { value: '以活动详情为准' },
        thing4: { value: '候补成功，已为您保留名额' },
      },
    });
  });

  it('fills the template page from the message ids when the message names none', () => {
    const params = renderMessage({ template: 'resultPublished', touser: 'o-1', contestId: 'c 1', data: { title: '2026 微项目评选' } }, NOW);
    expect(params.page).toBe('pages/contest/index?id=c%201');
    expect(params.data.thing2.value).toBe('评选结果已公布，点击查看');
  });
});
