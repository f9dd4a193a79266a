/** notify's deployment description: the timer the sender needs and the one open API it calls. */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';

const FUNCTIONS = path.resolve(__dirname, '..', '..', 'cloudfunctions');

interface FunctionConfig {
  permissions?: { openapi?: string[] };
  triggers?: { name: string; type: string; config: string }[];
}

const configOf = (name: string): FunctionConfig => JSON.parse(readFileSync(path.join(FUNCTIONS, name, 'config.json'), 'utf8')) as FunctionConfig;

it('notify declares subscribeMessage.send and one every-minute timer with a 7-field cron', () => {
  const config = configOf('notify');
  expect(config.permissions?.openapi).toEqual(['subscribeMessage.send']);
  expect(config.triggers).toHaveLength(1);
  const [trigger] = config.triggers ?? [];
  expect(trigger).toMatchObject({ name: 'every-minute', type: 'timer' });
  expect(trigger.config.split(/\s+/)).toHaveLength(7);
  expect(readFileSync(path.join(FUNCTIONS, 'notify', 'index.ts'), 'utf8')).toContain(`'${trigger.name}'`);
});

it('only a function whose code sends subscription messages declares the permission', () => {
  for (const name of readdirSync(FUNCTIONS)) {
    if (name === 'common' || !existsSync(path.join(FUNCTIONS, name, 'config.json'))) continue;
    const declares = configOf(name).permissions?.openapi?.includes('subscribeMessage.send') ?? false;
    expect({ name, declares }).toEqual({ name, declares: name === 'notify' });
  }
});
