import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFunctionEnv } from './functions';

describe('readFunctionEnv', () => {
  it('resolves {{env.X}} placeholders per function and leaves unknown ones empty', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-'));
    const rc = path.join(dir, 'cloudbaserc.json');
    writeFileSync(rc, JSON.stringify({ functions: [{ name: 'vote', envVariables: { ADMIN_OPENIDS: '{{env.ADMIN_OPENIDS}}', X: 'a-{{env.MISSING}}' } }] }));
    const env = readFunctionEnv(rc, (name) => (name === 'ADMIN_OPENIDS' ? 'admin-1,admin-2' : undefined));
    expect(env).toEqual({ vote: { ADMIN_OPENIDS: 'admin-1,admin-2', X: 'a-' } });
  });
});
