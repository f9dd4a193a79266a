/** The local runtime answers only this machine's callers (it trusts X-Openid). */
import type http from 'node:http';
import { fromThisMachine } from '../../local/runtime';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as http.IncomingMessage;

test('loopback hosts, with no Origin or their own, are let in', () => {
  expect(fromThisMachine(req({ host: '127.0.0.1:3000' }), undefined)).toBe(true);
  expect(fromThisMachine(req({ host: 'localhost:3000', origin: 'http://localhost:3000' }), undefined)).toBe(true);
});

test('a rebinding DNS name or another site is refused', () => {
  expect(fromThisMachine(req({ host: 'evil.example:3000' }), undefined)).toBe(false);
  expect(fromThisMachine(req({ host: '127.0.0.1:3000', origin: 'http://evil.example' }), undefined)).toBe(false);
  expect(fromThisMachine(req({ host: '127.0.0.1:3000', origin: 'null' }), undefined)).toBe(false);
});

test('bound to a chosen interface, any Host is accepted but a foreign Origin still is not', () => {
  expect(fromThisMachine(req({ host: '192.168.1.5:3000' }), '0.0.0.0')).toBe(true);
  expect(fromThisMachine(req({ host: '192.168.1.5:3000', origin: 'http://evil.example' }), '0.0.0.0')).toBe(false);
});
