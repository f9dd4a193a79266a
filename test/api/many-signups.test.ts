/**
 * An activity with more sign-ups than a skip-based page walk reaches (it stopped at 20,000
 * rows): a change of time and the reminder reach every resident. The sign-ups are written
 * straight into the emulator (the sign-up path itself is tested elsewhere); the change and the
 * reminders go through the functions as in production.
 */
import { HOUR, NOW, at, createActivity, useProject } from './activity-helpers';
import { expectOk } from '../helpers/runtime';
import { tick } from './notify-helpers';

const RESIDENTS = 20_050;
const f = useProject();

function signupsOf(activityId: string) {
  return Array.from({ length: RESIDENTS }, (_u, i) => ({
    _id: `${activityId}:many-${i}`,
    activityId,
    openid: `many-${i}`,
    forOther: false,
    name: '',
    phone: '',
    status: 'confirmed',
    seq: i + 1,
    createdAt: new Date(NOW.getTime() - HOUR),
  }));
}

function messagesOf(template: string, activityId: string): number {
  return f.rt.runtime.emulator.db.count('outbox', { template, activityId });
}

it(`tells all ${RESIDENTS.toLocaleString('en')} residents of a change and reminds each of them`, async () => {
  const activityId = await createActivity(f, { capacity: 10_000, startsAt: at(48), endsAt: at(50), location: { name: '智德社区活动室' } });
  await f.rt.runtime.emulator.db.insert('signups', signupsOf(activityId));

  const moved = { startsAt: at(49), endsAt: at(51) };
  expectOk(await f.rt.api('activity', 'update', { activityId, patch: moved }, { openid: 'organizer-1', now: NOW }));
  expect(messagesOf('activityChanged', activityId)).toBe(RESIDENTS);

  // The last reminder (1 h before the start) goes to every confirmed resident.
  await tick(f.rt, new Date(NOW.getTime() + 48.5 * HOUR));
  expect(messagesOf('reminder', activityId)).toBe(RESIDENTS);
}, 300_000);
