import { AppError } from '../errors';
import { MAX_CHECK_CHARS, SEC_SCENE, assertSafeImage, assertSafeText, packTexts, type TextChecker } from './content-safety';
import type { Database } from '../platform/database';

function recorder(judge: (content: string) => 'pass' | 'review' | 'risky') {
  const calls: { openid: string; scene: number; content: string }[] = [];
  const check: TextChecker = async (req) => {
    calls.push(req);
    return { suggest: judge(req.content), label: judge(req.content) === 'pass' ? 100 : 20001 };
  };
  return { calls, check };
}

describe('packTexts', () => {
  it('drops blanks and joins the rest into one call', () => {
    expect(packTexts(['  标题 ', undefined, '', null, '简介'])).toEqual(['标题\n简介']);
    expect(packTexts([])).toEqual([]);
  });

  it('never sends more than 2500 characters, counting characters not UTF-16 units', () => {
    const long = '😀'.repeat(MAX_CHECK_CHARS + 10);
    const pieces = packTexts(['短', long, '尾']);
    expect(pieces.every((p) => [...p].length <= MAX_CHECK_CHARS)).toBe(true);
    expect(pieces.join('').replace(/\n/g, '')).toBe(`短${long}尾`);
  });
});

describe('assertSafeText', () => {
  it('asks WeChat as the writer, with the scene, and lets a pass through', async () => {
    const r = recorder(() => 'pass');
    await assertSafeText({ openid: 'o-1' }, ['楼道花园', '每周六浇水'], SEC_SCENE.comment, r.check);
    expect(r.calls).toEqual([{ openid: 'o-1', scene: 2, content: '楼道花园\n每周六浇水' }]);
  });

  it.each(['risky', 'review'] as const)('refuses %s content with CONTENT_REJECTED', async (verdict) => {
    const r = recorder((c) => (c.includes('违禁词') ? verdict : 'pass'));
    const err = await assertSafeText({ openid: 'o-1' }, ['含违禁词的简介'], SEC_SCENE.forum, r.check).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CONTENT_REJECTED');
  });

  it('makes no call when there is nothing to check', async () => {
    const r = recorder(() => 'risky');
    await assertSafeText({ openid: '' }, [' ', undefined], SEC_SCENE.forum, r.check);
    expect(r.calls).toHaveLength(0);
  });
});

describe('assertSafeImage', () => {
  it('submits each public image and records its trace id as pending', async () => {
    const added: Record<string, unknown>[] = [];
    const db = { collection: () => ({ add: async (o: { data: Record<string, unknown> }) => (added.push(o.data), { _id: 'x' }) }) } as unknown as Database;
    const now = new Date('2026-03-01T02:00:00Z');
    const ids = await assertSafeImage({ openid: 'o-1', now, db }, ['https://img.example/a.png', undefined], SEC_SCENE.forum, async () => ({ traceId: 't-1' }));
    expect(ids).toEqual(['t-1']);
    expect(added).toEqual([{ media: 'https://img.example/a.png', traceId: 't-1', openid: 'o-1', status: 'pending', at: now }]);
  });
});
