/**
 * Timer triggers locally: each function's config.json declares its triggers with CloudBase's
 * 7-field cron (second minute hour day month weekday year, Beijing time); the scheduler fires
 * them as the cloud does, with the event { Type: 'Timer', TriggerName, Time } and no OPENID.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CronExpressionParser } from 'cron-parser';

export interface TimerTrigger {
  fn: string;
  name: string;
  cron: string;
}

interface FunctionConfigFile {
  triggers?: { name?: string; type?: string; config?: string }[];
}

export function readTimerTriggers(functionsDir: string): TimerTrigger[] {
  const triggers: TimerTrigger[] = [];
  if (!existsSync(functionsDir)) return triggers;
  for (const dir of readdirSync(functionsDir, { withFileTypes: true })) {
    const file = path.join(functionsDir, dir.name, 'config.json');
    if (!dir.isDirectory() || !existsSync(file)) continue;
    const config = JSON.parse(readFileSync(file, 'utf8')) as FunctionConfigFile;
    for (const t of config.triggers ?? []) {
      if (t.type === 'timer' && t.name && t.config) triggers.push({ fn: dir.name, name: t.name, cron: t.config });
    }
  }
  return triggers;
}

/** The next instant after `after` matching a 7-field CloudBase cron, or null if it never fires. */
export function nextFire(cron: string, after: Date): Date | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`timer cron needs 7 fields (second … year): ${cron}`);
  const years = fields[6] === '*' ? undefined : new Set(fields[6].split(',').map(Number));
  const expr = CronExpressionParser.parse(fields.slice(0, 6).join(' '), { currentDate: after, tz: 'Asia/Shanghai' });
  for (let i = 0; i < 1000; i++) {
    const at = expr.next().toDate();
    if (!years || years.has(Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(at)))) return at;
  }
  return null;
}

export class TimerScheduler {
  private readonly timeouts = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();
  private stopped = false;

  constructor(
    private readonly triggers: TimerTrigger[],
    private readonly fire: (trigger: TimerTrigger, at: Date) => Promise<unknown>,
    private readonly log: (msg: string) => void = () => undefined,
  ) {}

  start(): void {
    for (const t of this.triggers) this.schedule(t);
  }

  stop(): void {
    this.stopped = true;
    for (const handle of this.timeouts.values()) clearTimeout(handle);
    this.timeouts.clear();
  }

  private schedule(t: TimerTrigger): void {
    if (this.stopped) return;
    const at = nextFire(t.cron, new Date());
    if (!at) return;
    const key = `${t.fn}:${t.name}`;
    const handle = setTimeout(() => void this.run(t, at), Math.max(0, at.getTime() - Date.now()));
    handle.unref();
    this.timeouts.set(key, handle);
  }

  /** One run at a time per trigger: a run still going when the next is due skips that one. */
  private async run(t: TimerTrigger, at: Date): Promise<void> {
    const key = `${t.fn}:${t.name}`;
    this.schedule(t);
    if (this.running.has(key)) return;
    this.running.add(key);
    try {
      await this.fire(t, at);
    } catch (e) {
      this.log(`[timer] ${key} failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.running.delete(key);
    }
  }
}
