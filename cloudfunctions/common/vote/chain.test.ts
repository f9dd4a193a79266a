import { GENESIS_HASH, blockHash, receiptOf, verifyChain, voterHash, type ChainRow } from './chain';

const row = (receipt: string, projectId = 'p1'): ChainRow => ({ receipt, projectId, day: '2026-01-08', at: '2026-01-08T09:00:00.000+08:00', voter: 'v1' });

describe('receipts and voter ids', () => {
  it('a receipt is a 10-character code, the same for the same vote, different across votes and salts', () => {
    const r = receiptOf('c:p:o:2026-01-08', 'salt');
    expect(r).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    expect(receiptOf('c:p:o:2026-01-08', 'salt')).toBe(r);
    expect(receiptOf('c:p:o:2026-01-09', 'salt')).not.toBe(r);
    expect(receiptOf('c:p:o:2026-01-08', 'other')).not.toBe(r);
  });
  it('voter ids are salted hashes, never the openid', () => {
    expect(voterHash('o1', 's')).toHaveLength(16);
    expect(voterHash('o1', 's')).not.toContain('o1');
    expect(voterHash('o1', 's')).not.toBe(voterHash('o1', 't'));
  });
});

describe('hash chain', () => {
  const b1rows = [row('B'), row('A')];
  const b2rows = [row('C', 'p2')];
  const h1 = blockHash(GENESIS_HASH, 1, b1rows);
  const h2 = blockHash(h1, 2, b2rows);
  const blocks = [
    { seq: 1, prevHash: GENESIS_HASH, hash: h1, rows: 2 },
    { seq: 2, prevHash: h1, hash: h2, rows: 1 },
  ];
  it('does not depend on the order rows are given in (fixed order by receipt)', () => {
    expect(blockHash(GENESIS_HASH, 1, [row('A'), row('B')])).toBe(h1);
  });
  it('verifies an intact chain', () => {
    expect(
      verifyChain(
        blocks,
        new Map([
          [1, b1rows],
          [2, b2rows],
        ]),
      ),
    ).toEqual({ ok: true });
  });
  it('covers appended voids: a block with a void verifies only with it', () => {
    const voids = [{ receipt: 'A', reason: '刷票', at: '2026-01-09T10:00:00.000+08:00' }];
    const hv = blockHash(h1, 2, b2rows, voids);
    expect(hv).not.toBe(h2);
    const chain = [blocks[0], { seq: 2, prevHash: h1, hash: hv, rows: 1 }];
    expect(
      verifyChain(
        chain,
        new Map([
          [1, b1rows],
          [2, b2rows],
        ]),
        new Map([[2, voids]]),
      ),
    ).toEqual({ ok: true });
    expect(
      verifyChain(
        chain,
        new Map([
          [1, b1rows],
          [2, b2rows],
        ]),
      ),
    ).toMatchObject({ ok: false, seq: 2 });
  });
  it('detects a changed row, a dropped row and a rewritten earlier block', () => {
    expect(
      verifyChain(
        blocks,
        new Map([
          [1, [row('A'), row('B', 'p2')]],
          [2, b2rows],
        ]),
      ),
    ).toMatchObject({ ok: false, seq: 1 });
    expect(
      verifyChain(
        blocks,
        new Map([
          [1, [row('A')]],
          [2, b2rows],
        ]),
      ),
    ).toMatchObject({ ok: false, seq: 1 });
    const forged = blockHash(GENESIS_HASH, 1, [row('A')]);
    expect(
      verifyChain(
        [{ ...blocks[0], hash: forged, rows: 1 }, blocks[1]],
        new Map([
          [1, [row('A')]],
          [2, b2rows],
        ]),
      ),
    ).toMatchObject({ ok: false, seq: 2, why: 'broken link' });
  });
});
