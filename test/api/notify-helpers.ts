/**
 * Shared steps of the notification tests: grants as a resident, sender runs (the flush action
 * and the every-minute timer, which carries no OPENID), and reads of the emulator's record
 * of WeChat calls and of the outbox collection.
 */
import type { Doc } from '../../local/emulator';
import type { FlushReport, GrantAnswer, TemplateKey } from '../../typings';
import { expectOk, type TestRuntime } from '../helpers/runtime';

export interface SentMessage {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  errCode: number;
}

export async function grantAs(
  rt: TestRuntime,
  openid: string,
  results: Partial<Record<TemplateKey, GrantAnswer>>,
  now: string | Date,
  extra: { contestId?: string } = {},
) {
  return expectOk(await rt.api('notify', 'grant', { results, ...extra }, { openid, now }));
}

/**
 * Waits until no message is being sent: functions wake the sender after their events without
 * waiting for it, so a send may still be under way when a test's own sender run returns.
 */
export async function settle(rt: TestRuntime): Promise<void> {
  for (let i = 0; i < 250 && rt.runtime.emulator.db.count('outbox', { status: 'sending' }) > 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function flush(rt: TestRuntime, now: string | Date, opts: { settle?: boolean } = {}): Promise<FlushReport> {
  const report = expectOk(await rt.api('notify', 'flush', {}, { now }));
  if (opts.settle !== false) await settle(rt);
  return report;
}

export async function tick(rt: TestRuntime, now: string | Date): Promise<FlushReport & { reminders: number }> {
  const report = expectOk(await rt.call<FlushReport & { reminders: number }>('notify', { Type: 'Timer', TriggerName: 'every-minute' }, { now }));
  await settle(rt);
  return report;
}

/** subscribeMessage.send calls the emulator recorded (accepted and refused), oldest first. */
export async function sendCalls(rt: TestRuntime): Promise<SentMessage[]> {
  const items = (await rt.outbox()) as { api: string; params: Record<string, unknown>; errCode?: number }[];
  return items
    .filter((i) => i.api === 'subscribeMessage.send')
    .map((i) => ({ ...(i.params as unknown as Omit<SentMessage, 'errCode'>), errCode: i.errCode ?? 0 }));
}

/** Messages WeChat accepted for a resident. */
export async function delivered(rt: TestRuntime, touser: string): Promise<SentMessage[]> {
  return (await sendCalls(rt)).filter((m) => m.touser === touser && m.errCode === 0);
}

export function outboxDoc(rt: TestRuntime, id: string): Doc | undefined {
  return rt.runtime.emulator.db.findOne('outbox', { _id: id });
}

export function grantsLeft(rt: TestRuntime, openid: string, template: TemplateKey): number {
  const doc = rt.runtime.emulator.db.findOne('subscriptions', { _id: `${openid}:${template}` });
  return typeof doc?.count === 'number' ? doc.count : 0;
}

/** An outbox message as another domain would write it (the activity function's shape). */
export async function insertMessage(
  rt: TestRuntime,
  doc: { _id: string; template: TemplateKey; touser: string; data: Doc; createdAt: Date; page?: string; expiresAt?: Date },
) {
  await rt.runtime.emulator.db.insert('outbox', { status: 'pending', ...doc });
}
