import ExcelJS from 'exceljs';
import { keyOfPhone, keyedPhone, voterSecret } from './phone-key';
import { keysOfRows, readRosterRows } from './roster-import';

const SECRET = 'a-test-secret-of-enough-length';

describe('phone keys', () => {
  it('the same phone, however typed, is the same key; another secret another key', () => {
    const a = keyedPhone('13812341234', SECRET);
    expect(keyedPhone('+86 138-1234-1234', SECRET)).toEqual(a);
    expect(a).toEqual({ key: keyOfPhone('13812341234', SECRET), masked: '138****1234' });
    expect(a.key).toMatch(/^tel\.[0-9a-f]{32}$/);
    expect(keyedPhone('13812341234', `${SECRET}!`).key).not.toBe(a.key);
    expect(keyedPhone('13812341235', SECRET).key).not.toBe(a.key);
  });

  it('refuses what is not a mainland mobile number', () => {
    expect(() => keyedPhone('12345', SECRET)).toThrow('请填写正确的11位手机号码');
  });

  it('needs a configured secret of at least 16 characters', () => {
    expect(() => voterSecret({})).toThrow('VOTER_SECRET');
    expect(() => voterSecret({ VOTER_SECRET: 'short' })).toThrow('VOTER_SECRET');
    expect(voterSecret({ VOTER_SECRET: SECRET })).toBe(SECRET);
  });
});

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('名单');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('roster files', () => {
  it('finds the header under a title row, reads phones stored as numbers, skips blank rows', async () => {
    const bytes = await xlsx([['悦园小区居民名单'], [], ['姓名', '联系电话', '楼栋'], ['张三', 13800000001, '1栋'], [], ['李四', '13800000002', '2栋']]);
    expect(await readRosterRows(bytes)).toEqual([
      { row: 4, name: '张三', phone: '13800000001' },
      { row: 6, name: '李四', phone: '13800000002' },
    ]);
  });

  it('refuses a sheet without the two columns, and a file that is not a workbook', async () => {
    await expect(readRosterRows(await xlsx([['名字'], ['张三']]))).rejects.toThrow('没有找到表头');
    await expect(readRosterRows(Buffer.from('姓名,手机号\n张三,13800000001'))).rejects.toThrow('不是有效的 Excel 表格');
  });

  it('keeps the first of duplicate phones and says why each skipped row was skipped', () => {
    const { keys, skipped } = keysOfRows(
      [
        { row: 2, name: '张三', phone: '13800000001' },
        { row: 3, name: '张三丰', phone: '138 0000 0001' },
        { row: 4, name: '王五', phone: '1380000' },
        { row: 5, name: '', phone: '13800000005' },
      ],
      SECRET,
    );
    expect(keys).toEqual([keyOfPhone('13800000001', SECRET)]);
    expect(skipped).toEqual([
      { row: 3, reason: '手机号与第2行重复' },
      { row: 4, reason: '请填写正确的11位手机号码' },
      { row: 5, reason: '请填写姓名' },
    ]);
  });
});
