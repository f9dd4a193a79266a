/** The dependency audit's allow-list logic (scripts/audit-policy.ts), on npm audit v2 JSON. */
import { AuditUnavailable, judge, parseAudit, validateAllowList, type Exception } from '../../scripts/audit-policy';

/** Shaped like `npm audit --json` (auditReportVersion 2): an advisory and a chain that depends on it. */
const REPORT = JSON.stringify({
  auditReportVersion: 2,
  vulnerabilities: {
    'lodash.set': {
      name: 'lodash.set',
      severity: 'high',
      isDirect: false,
      via: [
        {
          source: 1096302,
          name: 'lodash.set',
          dependency: 'lodash.set',
          title: 'Prototype Pollution in lodash.set',
          url: 'https://github.com/advisories/GHSA-p6mc-m468-83gw',
          severity: 'high',
          range: '>=3.7.0',
        },
      ],
      effects: ['some-sdk'],
    },
    'some-sdk': { name: 'some-sdk', severity: 'high', isDirect: true, via: ['lodash.set'], effects: [] },
    semver: {
      name: 'semver',
      severity: 'moderate',
      via: [{ source: 1101088, name: 'semver', title: 'ReDoS in semver', url: 'https://github.com/advisories/GHSA-c2qf-rxjj-qqgw', severity: 'moderate' }],
    },
    'tough-cookie': {
      name: 'tough-cookie',
      severity: 'critical',
      via: [
        {
          source: 1097682,
          name: 'tough-cookie',
          title: 'Prototype Pollution in tough-cookie',
          url: 'https://github.com/advisories/GHSA-72xf-g2v4-qvf3',
          severity: 'critical',
        },
      ],
    },
  },
  metadata: { vulnerabilities: { high: 2, critical: 1, moderate: 1 } },
});

const exception = (over: Partial<Exception> = {}): Exception => ({
  package: 'lodash.set',
  advisory: 'GHSA-p6mc-m468-83gw',
  reason: 'only reached with our own keys; no fix released',
  reviewBy: '2026-12-31',
  ...over,
});

describe('parseAudit', () => {
  test('keeps advisories at high and above, once each, with the chain that pulls them in', () => {
    const f = parseAudit(REPORT, 'high');
    expect(f.map((x) => [x.package, x.id, x.severity])).toEqual([
      ['lodash.set', '1096302', 'high'],
      ['tough-cookie', '1097682', 'critical'],
    ]);
    expect(f[0].via).toEqual(['lodash.set']);
  });

  test('an empty report has no findings', () => {
    expect(parseAudit(JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: {} }))).toEqual([]);
  });

  test('an audit that could not run is reported as such, never as a clean result', () => {
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST …/advisories/bulk', statusCode: 405, error: { summary: '', detail: '' } });
    expect(() => parseAudit(refused)).toThrow(AuditUnavailable);
    expect(() => parseAudit(refused)).toThrow(/405/);
    expect(() => parseAudit('npm ERR! network')).toThrow(AuditUnavailable);
    expect(() => parseAudit('{}')).toThrow(AuditUnavailable);
  });
});

describe('judge', () => {
  const findings = parseAudit(REPORT, 'high');

  test('no allow-list: every finding blocks', () => {
    const v = judge(findings, { exceptions: [] }, '2026-11-23');
    expect(v.blocked.map((f) => f.package)).toEqual(['lodash.set', 'tough-cookie']);
  });

  test('an exception matches by GHSA id, advisory URL or numeric id, for its package only', () => {
    for (const advisory of ['GHSA-p6mc-m468-83gw', 'https://github.com/advisories/GHSA-p6mc-m468-83gw', '1096302', 'ghsa-P6MC-m468-83gw']) {
      const v = judge(findings, { exceptions: [exception({ advisory })] }, '2026-11-23');
      expect({ advisory, blocked: v.blocked.map((f) => f.package) }).toEqual({ advisory, blocked: ['tough-cookie'] });
      expect(v.allowed).toHaveLength(1);
    }
    const otherPackage = judge(findings, { exceptions: [exception({ package: 'tough-cookie' })] }, '2026-11-23');
    expect(otherPackage.blocked).toHaveLength(2);
    expect(otherPackage.unused).toHaveLength(1);
  });

  test('an exception applies through its review day, then blocks again and is named', () => {
    const e = exception({ reviewBy: '2026-11-23' });
    expect(judge(findings, { exceptions: [e] }, '2026-11-23').allowed).toHaveLength(1);
    const late = judge(findings, { exceptions: [e] }, '2026-11-24');
    expect(late.blocked.map((f) => f.package)).toEqual(['lodash.set', 'tough-cookie']);
    expect(late.expired).toEqual([e]);
  });

  test('exceptions that match nothing are listed for removal', () => {
    const stale = exception({ package: 'left-pad', advisory: 'GHSA-aaaa-bbbb-cccc' });
    expect(judge([], { exceptions: [stale] }, '2026-11-23').unused).toEqual([stale]);
  });
});

describe('validateAllowList', () => {
  test('accepts the documented shape', () => {
    expect(validateAllowList({ exceptions: [exception()] })).toEqual([]);
    expect(validateAllowList({ '//': 'comment', exceptions: [] })).toEqual([]);
  });

  test('names missing fields and bad dates', () => {
    expect(validateAllowList({})).toHaveLength(1);
    expect(validateAllowList({ exceptions: [{ package: 'x', advisory: 'y', reason: '', reviewBy: 'soon' }] })).toEqual([
      'exception 0: "reason" is required',
      'exception 0: reviewBy must be YYYY-MM-DD',
    ]);
  });
});
