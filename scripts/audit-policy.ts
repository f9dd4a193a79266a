/**
 * The rules of the dependency audit, apart from running npm: read `npm audit --json`
 * (report version 2), keep the advisories at or above the gate's severity, and hold them
 * against the allow-list (audit-allowlist.json). Pure functions, unit-tested.
 */

export type Severity = 'info' | 'low' | 'moderate' | 'high' | 'critical';
const RANK: Record<Severity, number> = { info: 0, low: 1, moderate: 2, high: 3, critical: 4 };

export interface Finding {
  /** The package the advisory is about. */
  package: string;
  /** Advisory id as npm reports it (numeric source id), and its URL (GHSA link). */
  id: string;
  url: string;
  severity: Severity;
  title: string;
  /** Installed packages pulled in through it (for the message). */
  via: string[];
}

export interface Exception {
  package: string;
  /** Advisory id, GHSA id or URL. */
  advisory: string;
  reason: string;
  /** YYYY-MM-DD: after this day the exception no longer applies and must be reviewed. */
  reviewBy: string;
}

export interface AllowList {
  exceptions: Exception[];
}

export interface Verdict {
  /** Findings with no valid exception: the audit fails. */
  blocked: Finding[];
  allowed: { finding: Finding; exception: Exception }[];
  /** Exceptions past their review date that matched a finding (that finding is blocked). */
  expired: Exception[];
  /** Exceptions that matched nothing: remove them. */
  unused: Exception[];
}

/** npm's answer when the audit could not run at all (network, endpoint refused, …). */
export class AuditUnavailable extends Error {}

interface ViaAdvisory {
  source?: number | string;
  name?: string;
  dependency?: string;
  title?: string;
  url?: string;
  severity?: string;
}

interface Vulnerability {
  name?: string;
  severity?: string;
  via?: (string | ViaAdvisory)[];
}

interface AuditReport {
  auditReportVersion?: number;
  vulnerabilities?: Record<string, Vulnerability>;
  error?: unknown;
  message?: string;
  statusCode?: number;
}

function isSeverity(s: unknown): s is Severity {
  return typeof s === 'string' && s in RANK;
}

/** Parses npm audit's JSON; throws AuditUnavailable when it reports an error instead of a result. */
export function parseAudit(text: string, minSeverity: Severity = 'high'): Finding[] {
  let report: AuditReport;
  try {
    report = JSON.parse(text) as AuditReport;
  } catch {
    throw new AuditUnavailable(`npm audit did not answer with JSON: ${text.slice(0, 200)}`);
  }
  if (report.error !== undefined || report.vulnerabilities === undefined) {
    const why = report.message ?? (report.statusCode !== undefined ? `HTTP ${report.statusCode}` : '');
    throw new AuditUnavailable(`npm audit could not run${why ? `: ${why}` : ''}`);
  }
  const byId = new Map<string, Finding>();
  for (const [key, vuln] of Object.entries(report.vulnerabilities)) {
    for (const via of vuln.via ?? []) {
      if (typeof via === 'string') continue; // a chain link: the advisory itself is listed under its own package
      const severity = isSeverity(via.severity) ? via.severity : isSeverity(vuln.severity) ? vuln.severity : 'critical';
      if (RANK[severity] < RANK[minSeverity]) continue;
      const id = String(via.source ?? via.url ?? via.title ?? key);
      const pkg = via.name ?? vuln.name ?? key;
      const found = byId.get(`${pkg}|${id}`);
      if (found) {
        if (!found.via.includes(key)) found.via.push(key);
        continue;
      }
      byId.set(`${pkg}|${id}`, { package: pkg, id, url: via.url ?? '', severity, title: via.title ?? '', via: [key] });
    }
  }
  return [...byId.values()].sort((a, b) => a.package.localeCompare(b.package) || a.id.localeCompare(b.id));
}

function ghsaOf(s: string): string | undefined {
  return /GHSA(-[0-9a-z]{4}){3}/i.exec(s)?.[0].toLowerCase();
}

export function matches(e: Exception, f: Finding): boolean {
  if (e.package !== f.package) return false;
  const want = e.advisory.trim();
  if (want === f.id || (f.url !== '' && want === f.url)) return true;
  const g = ghsaOf(want);
  return g !== undefined && g === ghsaOf(f.url);
}

/** Checks the allow-list file's shape; returns the problems found. */
export function validateAllowList(value: unknown): string[] {
  const problems: string[] = [];
  const list = (value as AllowList | undefined)?.exceptions;
  if (!Array.isArray(list)) return ['audit-allowlist.json must be { "exceptions": [...] }'];
  list.forEach((e: Partial<Exception>, i) => {
    for (const field of ['package', 'advisory', 'reason', 'reviewBy'] as const) {
      if (typeof e[field] !== 'string' || e[field].trim() === '') problems.push(`exception ${i}: "${field}" is required`);
    }
    if (typeof e.reviewBy === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(e.reviewBy)) problems.push(`exception ${i}: reviewBy must be YYYY-MM-DD`);
  });
  return problems;
}

/** `today` is YYYY-MM-DD; an exception applies up to and including its review day. */
export function judge(findings: Finding[], allow: AllowList, today: string): Verdict {
  const verdict: Verdict = { blocked: [], allowed: [], expired: [], unused: [] };
  const used = new Set<Exception>();
  for (const f of findings) {
    const hits = allow.exceptions.filter((e) => matches(e, f));
    hits.forEach((e) => used.add(e));
    const valid = hits.find((e) => e.reviewBy >= today);
    if (valid) verdict.allowed.push({ finding: f, exception: valid });
    else {
      verdict.blocked.push(f);
      for (const e of hits) if (!verdict.expired.includes(e)) verdict.expired.push(e);
    }
  }
  verdict.unused = allow.exceptions.filter((e) => !used.has(e));
  return verdict;
}
