import { criteriaFromRequest, formulaText, judgeTotal, mixedRanking, scoresRefusal, weightsRefusal } from './rules';

const criteria = [
  { key: 'c1', name: '创新性', weight: 40 },
  { key: 'c2', name: '可行性', weight: 60 },
];

describe('criteria and weights', () => {
  it('keys criteria c1, c2 … and wants weights adding up to 100', () => {
    expect(
      criteriaFromRequest([
        { name: ' 创新性 ', weight: 40 },
        { name: '可行性', weight: 60 },
      ]),
    ).toEqual(criteria);
    expect(
      criteriaFromRequest([
        { name: '创新性', weight: 40 },
        { name: '可行性', weight: 50 },
      ]),
    ).toBe('评分项权重合计须为100%（现在是90%）');
    expect(
      criteriaFromRequest([
        { name: '创新性', weight: 50 },
        { name: '创新性', weight: 50 },
      ]),
    ).toBe('评分项名称重复了');
    expect(weightsRefusal({ online: 30, onsite: 30, judges: 40 })).toBeNull();
    expect(weightsRefusal({ online: 30, onsite: 30, judges: 30 })).toContain('90%');
  });

  it('wants every criterion scored once, in whole points 0..10', () => {
    expect(scoresRefusal(criteria, { c1: 8, c2: 10 })).toBeNull();
    expect(scoresRefusal(criteria, { c1: 8 })).toBe('请给「可行性」打分');
    expect(scoresRefusal(criteria, { c1: 8, c2: 11 })).toBe('「可行性」的分数须为0到10分');
    expect(scoresRefusal(criteria, { c1: 8, c2: 7.5 })).toBe('「可行性」的分数须为0到10分');
    expect(scoresRefusal(criteria, { c1: 8, c2: 7, c9: 1 })).toBe('评分项不存在，请刷新后重试');
  });

  it("a judge's total is Σ weight × score / 10", () => {
    expect(judgeTotal(criteria, { c1: 8, c2: 9 })).toBe(86); // 40×0.8 + 60×0.9
    expect(judgeTotal(criteria, { c1: 10, c2: 10 })).toBe(100);
  });

  it('states the formula with the weights', () => {
    const text = formulaText({ online: 30, onsite: 30, judges: 40 }, criteria);
    expect(text).toContain('线上投票得分 × 30% + 现场投票得分 × 30% + 评审得分 × 40%');
    expect(text).toContain('创新性40%、可行性60%');
  });
});

describe('the mixed ranking', () => {
  it('equals the hand computation on a fixed example', () => {
    // Weights 30% online + 30% on-site + 40% judges. By hand:
    //   online:  A 200 → 100,   B 100 → 50,    C 50 → 25          (÷ 200)
    //   on-site: A 10 → 25,     B 40 → 100,    C 20 → 50          (÷ 40)
    //   judges:  A (80+90)/2 = 85 → 85/90×100 = 94.444…,
    //            B 90 → 100,    C (60+70+80)/3 = 70 → 77.777…     (÷ 90)
    //   A = 0.3×100 + 0.3×25  + 0.4×94.444… = 30 + 7.5 + 37.777… = 75.28
    //   B = 0.3×50  + 0.3×100 + 0.4×100     = 15 + 30  + 40       = 85
    //   C = 0.3×25  + 0.3×50  + 0.4×77.777… = 7.5 + 15 + 31.111… = 53.61
    const items = mixedRanking({ online: 30, onsite: 30, judges: 40 }, [
      { projectId: 'A', title: '共享花园', team: '甲', order: 0, online: 200, onsite: 10, judgeTotals: [80, 90] },
      { projectId: 'B', title: '长者饭堂', team: '乙', order: 1, online: 100, onsite: 40, judgeTotals: [90] },
      { projectId: 'C', title: '楼道微更新', team: '丙', order: 2, online: 50, onsite: 20, judgeTotals: [60, 70, 80] },
    ]);
    expect(items.map((i) => [i.rank, i.projectId, i.total])).toEqual([
      [1, 'B', 85],
      [2, 'A', 75.28],
      [3, 'C', 53.61],
    ]);
    expect(items[1]).toEqual({
      rank: 2,
      projectId: 'A',
      title: '共享花园',
      team: '甲',
      online: { raw: 200, points: 100 },
      onsite: { raw: 10, points: 25 },
      judges: { raw: 85, points: 94.44, count: 2 },
      total: 75.28,
    });
    expect(items[2].judges).toEqual({ raw: 70, points: 77.78, count: 3 });
  });

  it('gives a part nobody has 0 points, and ties share a rank', () => {
    const items = mixedRanking({ online: 50, onsite: 0, judges: 50 }, [
      { projectId: 'A', title: 'A', team: '', order: 0, online: 10, onsite: 0, judgeTotals: [] },
      { projectId: 'B', title: 'B', team: '', order: 1, online: 10, onsite: 0, judgeTotals: [] },
      { projectId: 'C', title: 'C', team: '', order: 2, online: 5, onsite: 0, judgeTotals: [] },
    ]);
    expect(items.map((i) => [i.rank, i.projectId, i.total, i.onsite.points, i.judges.points])).toEqual([
      [1, 'A', 50, 0, 0],
      [1, 'B', 50, 0, 0],
      [3, 'C', 25, 0, 0],
    ]);
  });
});
