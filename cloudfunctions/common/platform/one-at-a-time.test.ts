import { keysInFlight, oneAtATime } from './one-at-a-time';

const tick = () => new Promise((r) => setTimeout(r, 5));

test('same-key calls run one after another in arrival order; other keys do not wait', async () => {
  const log: string[] = [];
  const job = (name: string) => async () => {
    log.push(`${name} start`);
    await tick();
    log.push(`${name} end`);
    return name;
  };
  const results = await Promise.all([oneAtATime('a', job('a1')), oneAtATime('a', job('a2')), oneAtATime('b', job('b1'))]);
  expect(results).toEqual(['a1', 'a2', 'b1']);
  expect(log.indexOf('a2 start')).toBeGreaterThan(log.indexOf('a1 end'));
  expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
  await tick();
  expect(keysInFlight()).toBe(0);
});

test('a failing call passes its error to its caller and does not stop the next', async () => {
  const first = oneAtATime('k', async () => {
    throw new Error('boom');
  });
  const second = oneAtATime('k', async () => 'ran');
  await expect(first).rejects.toThrow('boom');
  await expect(second).resolves.toBe('ran');
});
