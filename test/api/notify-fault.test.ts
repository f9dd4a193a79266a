/**
 * The sender dies after WeChat accepted a message and before it recorded "sent" (simulated by
 * the emulator failing that write). WeChat allows one message per grant and a duplicate cannot
 * be recalled, so the rule is at most once: the message stays claimed until its lease ends,
 * is then marked 'unknown', and is never sent again — even though the resident has grants left.
 */
import { startTestRuntime, type TestRuntime } from '../helpers/runtime';
import { delivered, flush, grantAs, grantsLeft, insertMessage, outboxDoc } from './notify-helpers';

const NOW = new Date('2026-03-02T02:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
let rt: TestRuntime;

beforeAll(async () => {
  // Outbox updates of one sender run: abandoned sweep, expiry sweep, claim, record. Fail the record.
  process.env.DOORSTEP_FAULTS = JSON.stringify([{ action: 'database.modifyDocument', collection: 'outbox', skip: 3, fail: 1 }]);
  try {
    rt = await startTestRuntime();
  } finally {
    delete process.env.DOORSTEP_FAULTS;
  }
});
afterAll(async () => {
  await rt?.stop();
});

it('a message sent but not recorded is never sent again (at most once)', async () => {
  await grantAs(rt, 'c-1', { checkinThanks: 'accept' }, NOW);
  await grantAs(rt, 'c-1', { checkinThanks: 'accept' }, NOW);
  await insertMessage(rt, {
    _id: 'checkinThanks:fault-1',
    template: 'checkinThanks',
    touser: 'c-1',
    data: { title: '议事会', checkedInAt: NOW.toISOString() },
    createdAt: NOW,
  });

  await flush(rt, NOW, { settle: false }); // sends, then "crashes" on the record
  expect(await delivered(rt, 'c-1')).toHaveLength(1);
  expect(outboxDoc(rt, 'checkinThanks:fault-1')?.status).toBe('sending');

  await flush(rt, later(30_000), { settle: false }); // still leased: left alone
  expect(outboxDoc(rt, 'checkinThanks:fault-1')?.status).toBe('sending');

  const report = await flush(rt, later(10 * 60_000)); // lease over: unknown, not resent
  expect(report.unknown).toBe(1);
  expect(outboxDoc(rt, 'checkinThanks:fault-1')?.status).toBe('unknown');
  await flush(rt, later(60 * 60_000));
  expect(await delivered(rt, 'c-1')).toHaveLength(1);
  // The grant it spent stays spent; the other one is still there for the next message.
  expect(grantsLeft(rt, 'c-1', 'checkinThanks')).toBe(1);
});
