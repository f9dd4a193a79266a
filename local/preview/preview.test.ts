import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import { convertWxss } from './wxss';
import { buildManifest } from './build';
import { attachAutomator, createPreview } from './index';

const ROOT = path.resolve(__dirname, '..', '..');

describe('WXSS for the browser', () => {
  test('prefixes every class of a compound selector, maps tags and page, scales rpx to a 375 px phone', () => {
    const css = convertWxss('.t-tag--dark.t-tag--primary, page .a > view.b:not(:empty) { width: 750rpx; margin: -10rpx 1.5rpx }', { prefix: 't-tag' });
    expect(css).toContain('.t-tag--t-tag--dark.t-tag--t-tag--primary');
    expect(css).toContain('.mp-page .t-tag--a > wx-view.t-tag--b:not(:empty)');
    expect(css).toContain('width: 375px');
    expect(css).toContain('margin: -5px 0.75px');
  });

  test('drops web fonts fetched from a CDN (the preview works offline)', () => {
    const css = convertWxss("@font-face{font-family:t;src:url(https://cdn.example/t.woff) format('woff')} .a{font-family:t}", { prefix: 'x' });
    expect(css).not.toContain('@font-face');
    expect(css).toContain('.x--a');
  });

  test('keyframe selectors and numbers are left alone; unreadable input does not throw', () => {
    const css = convertWxss('@keyframes spin { 0% { opacity: .5 } to { opacity: 1 } }', { prefix: 'x' });
    expect(css).toContain('0% { opacity: .5 }');
    expect(convertWxss('.a { color: ', { prefix: 'x' })).toMatch(/skipped|x--a/);
  });
});

describe('preview manifest', () => {
  test('holds every page of app.json with a distinct class prefix, and resolves TDesign through miniprogram_npm', () => {
    const m = buildManifest(path.join(ROOT, 'miniprogram'));
    expect(m.pages).toContain('pages/home/index');
    expect(m.tabs).toEqual(['pages/home/index', 'pages/activities/index', 'pages/me/index']);
    const prefixes = m.pages.map((p) => m.components[p].prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(m.components['components/state-view/index'].usingComponents['t-button']).toBe('miniprogram_npm/tdesign-miniprogram/button/button');
  });
});

describe('preview server and automator endpoint', () => {
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    const preview = createPreview({ rootDir: ROOT });
    server = http.createServer((req, res) => {
      void preview.handle(req, res).then((mine) => {
        if (!mine) {
          res.writeHead(404);
          res.end('not the preview');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    attachAutomator(server, '/automator', { pageWaitMs: 200 });
    url = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  test('serves the phone page and its assets, and leaves /api, /admin and /storage to the runtime', async () => {
    const home = await fetch(`http://${url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('id="phone"');
    const js = await fetch(`http://${url}/preview/app.js`);
    expect(js.status).toBe(200);
    expect((await js.text()).length).toBeGreaterThan(10_000);
    for (const p of ['/api/call/contest', '/admin', '/storage/x.xlsx']) expect((await fetch(`http://${url}${p}`)).status).toBe(404);
  }, 60_000);

  function connect(p: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${url}${p}`);
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  }

  function request(ws: WebSocket, frame: object): Promise<{ id: string; result?: Record<string, unknown>; error?: { message: string } }> {
    return new Promise((resolve) => {
      ws.once('message', (d) => resolve(JSON.parse(d.toString()) as { id: string }));
      ws.send(JSON.stringify(frame));
    });
  }

  test('answers Tool.getInfo with an SDK version the library accepts, and every other request even without a page', async () => {
    const client = await connect('/automator');
    const info = await request(client, { id: '1', method: 'Tool.getInfo', params: {} });
    expect(info).toEqual({ id: '1', result: expect.objectContaining({ SDKVersion: '3.6.0' }) });
    const noPage = await request(client, { id: '2', method: 'App.getCurrentPage', params: {} });
    expect(noPage.error?.message).toMatch(/no preview page/);
    const unknown = await request(client, { id: '3', method: 'Tool.getTicket', params: {} });
    expect(unknown.error?.message).toMatch(/not supported/);
    client.close();
  });

  test('relays App/Page/Element commands to the preview page and its answers back', async () => {
    const page = await connect('/automator/page');
    page.on('message', (d) => {
      const f = JSON.parse(d.toString()) as { id: string; method: string };
      page.send(
        JSON.stringify(
          f.method === 'App.getCurrentPage'
            ? { id: f.id, result: { pageId: 7, path: 'pages/home/index', query: {} } }
            : { id: f.id, error: { message: 'nope' } },
        ),
      );
    });
    const client = await connect('/automator');
    expect(await request(client, { id: 'a', method: 'App.getCurrentPage', params: {} })).toEqual({
      id: 'a',
      result: { pageId: 7, path: 'pages/home/index', query: {} },
    });
    expect(await request(client, { id: 'b', method: 'Page.getData', params: { pageId: 7 } })).toEqual({ id: 'b', error: { message: 'nope' } });
    client.close();
    page.close();
  });
});

test('the browser code of the preview type-checks (DOM, no Node: its own tsconfig)', () => {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const tsc = require.resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(__dirname, 'browser', 'tsconfig.json')], { encoding: 'utf8' });
  expect(r.stdout + r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 60_000);
