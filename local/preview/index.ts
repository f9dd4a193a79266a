/**
 * The web preview, mounted by the local runtime: the mini-program's pages in a phone frame
 * (`/`), the assets it needs (`/preview/*`), the service-notification list (`/outbox`), and
 * the automator endpoint (WebSocket, `/automator`). Paths under /api, /admin and /storage
 * belong to the runtime.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { PreviewBuilder } from './build';
import { PERSONAS } from '../personas';
import { templateCatalog } from '../../cloudfunctions/common/notify/templates';
export { attachAutomator } from './automator-bridge';

export interface Preview {
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean>;
}

const NOT_OURS = [/^\/api(\/|$)/, /^\/admin/, /^\/storage\//, /^\/automator/];

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function shellHtml(version: string, shot: boolean): string {
  const personas = PERSONAS.map((p) => `${escapeHtml(p.label)} (${escapeHtml(p.openid)})`).join('、');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>家门口 · 本地预览</title>
<link rel="stylesheet" href="/preview/preview.css?v=${version}">
<link rel="stylesheet" href="/preview/app.css?v=${version}">
</head>
<body class="${shot ? 'shot' : ''}">
<div class="stage">
  <div class="phone" id="phone">
    <div class="statusbar" id="statusbar"><span class="statusbar__time">9:41</span><span class="statusbar__icons"><i class="sig"></i>5G <i class="bat"></i></span></div>
    <div class="navbar" id="navbar">
      <button id="nav-back" class="navbar__back" aria-label="返回">‹</button>
      <div id="nav-title" class="navbar__title"></div>
      <div class="navbar__capsule"><span class="dots">•••</span><span class="ring"></span></div>
    </div>
    <div class="pages" id="pages"></div>
    <div class="tabbar" id="tabbar"></div>
    <div id="overlay" class="overlay"></div>
  </div>
  <aside class="side" id="side">
    <h1>家门口 <small>本地预览</small></h1>
    <section>
      <h2>我是谁</h2>
      <div id="personas" class="personas" title="${personas}"></div>
      <p class="note">切换身份就像换一部手机：每个身份有自己的本地存储。</p>
    </section>
    <section>
      <h2>手机设置</h2>
      <label>系统字体
        <select id="font-size">
          <option value="14">小</option>
          <option value="17">标准</option>
          <option value="20">大</option>
          <option value="24">特大</option>
        </select>
      </label>
      <label>位置 <input id="lat" size="8" aria-label="纬度"> <input id="lng" size="9" aria-label="经度"></label>
      <label>服务器时间 <input id="now" size="22" placeholder="实际时间" aria-label="服务器时间（X-Now）"></label>
      <p class="note">填一个时间（如 2026-11-24T16:00:00Z），云函数就按这个时间处理：试试投票窗口和北京时间零点。</p>
    </section>
    <section>
      <h2>消息</h2>
      <a class="link" href="/outbox" target="_blank">服务通知（订阅消息、小程序码）</a>
      <a class="link" href="/api/health" target="_blank">函数状态</a>
    </section>
    <section>
      <h2>页面</h2>
      <div id="page-links" class="page-links"></div>
    </section>
    <section id="errors" class="errors" hidden><h2>页面错误</h2></section>
  </aside>
</div>
<script src="/preview/wxml.js?v=${version}"></script>
<script src="/preview/app.js?v=${version}"></script>
</body>
</html>
`;
}

interface TemplateInfo {
  title: string;
  fields: Record<string, string>;
}

/** Titles and field labels of the subscription templates (by template id), when configured. */
function templateInfo(rootDir: string): Record<string, TemplateInfo> {
  const file = path.join(rootDir, 'cloudfunctions', 'common', 'notify', 'templates.ts');
  if (!fs.existsSync(file)) return {};
  try {
    const mod = require(file) as { TEMPLATES?: Record<string, { id: string; title: string; fields: { key: string; label: string }[] }> };
    const out: Record<string, TemplateInfo> = {};
    for (const [key, t] of Object.entries(mod.TEMPLATES ?? {})) {
      const info = { title: t.title, fields: Object.fromEntries(t.fields.map((f) => [f.key, f.label])) };
      out[t.id] = info;
      out[key] = info;
    }
    return out;
  } catch {
    return {};
  }
}

function outboxHtml(rootDir: string): string {
  const labels = JSON.stringify(Object.fromEntries(PERSONAS.map((p) => [p.openid, p.label])));
  const templates = JSON.stringify(templateInfo(rootDir)).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>服务通知 · 家门口本地预览</title>
<link rel="stylesheet" href="/preview/preview.css">
</head>
<body class="outbox-body">
<div class="stage">
  <div class="phone phone--outbox">
    <div class="statusbar"><span class="statusbar__time">9:41</span><span class="statusbar__icons"><i class="sig"></i>5G <i class="bat"></i></span></div>
    <div class="navbar"><a class="navbar__back" href="/" aria-label="返回">‹</a><div class="navbar__title">服务通知</div><div class="navbar__capsule"><span class="dots">•••</span><span class="ring"></span></div></div>
    <div class="outbox" id="outbox"><p class="outbox__empty">加载中…</p></div>
  </div>
  <aside class="side">
    <h1>服务通知 <small>本地预览</small></h1>
    <p class="note">云函数调用的微信开放接口都记录在这里（最新在上）：订阅消息像手机上的“服务通知”一样显示。</p>
    <label>只看 <select id="who"><option value="">全部身份</option></select></label>
    <p><a class="link" href="/api/outbox" target="_blank">原始记录（JSON）</a></p>
  </aside>
</div>
<script>
(function () {
  var LABELS = ${labels};
  var TEMPLATES = ${templates};
  var TEMPLATES = ${JSON.stringify(templateCatalog())};
  var who = document.getElementById('who');
  Object.keys(LABELS).forEach(function (k) { var o = document.createElement('option'); o.value = k; o.textContent = LABELS[k]; who.appendChild(o); });
  who.onchange = load;
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  function fmt(at) { var d = new Date(at); return isNaN(d) ? '' : d.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }); }
  function card(item) {
    var p = item.params || {};
    var c = el('div', 'notice');
    if (item.api === 'subscribeMessage.send') {
      c.appendChild(el('div', 'notice__app', '家门口'));
      var tpl = TEMPLATES[p.templateId] || { title: p.templateId || '订阅消息', labels: {} };
      c.appendChild(el('div', 'notice__title', tpl.title + (item.errCode ? '（未送达，错误码 ' + item.errCode + '）' : '')));
      c.appendChild(el('div', 'notice__time', fmt(item.at)));
      var data = p.data || {};
      Object.keys(data).forEach(function (k) {
        var row = el('div', 'notice__row');
        row.appendChild(el('span', 'notice__key', tpl.labels[k] || k));
        row.appendChild(el('span', 'notice__val', data[k] && data[k].value != null ? String(data[k].value) : JSON.stringify(data[k])));
        c.appendChild(row);
      });
      var to = el('div', 'notice__to', '发给 ' + (LABELS[p.touser] || p.touser || ''));
      c.appendChild(to);
      if (p.page) { var a = el('a', 'notice__open', '进入小程序查看 ›'); a.href = '/?persona=' + encodeURIComponent(p.touser || '') + '&page=' + encodeURIComponent(String(p.page).split('?')[0]) + (String(p.page).indexOf('?') > 0 ? '&query=' + encodeURIComponent(String(p.page).split('?')[1]) : ''); c.appendChild(a); }
    } else {
      c.classList.add('notice--api');
      c.appendChild(el('div', 'notice__app', item.api === 'wxacode.getUnlimited' ? '小程序码' : item.api === 'security.msgSecCheck' ? '内容安全检查' : item.api));
      c.appendChild(el('div', 'notice__time', fmt(item.at)));
      c.appendChild(el('pre', 'notice__raw', JSON.stringify(p, null, 2).slice(0, 600)));
    }
    return c;
  }
  function load() {
    fetch('/api/outbox').then(function (r) { return r.json(); }).then(function (body) {
      var box = document.getElementById('outbox');
      box.innerHTML = '';
      var items = (body.items || []).slice().reverse().filter(function (i) { return !who.value || (i.params && i.params.touser === who.value); });
      if (!items.length) { box.appendChild(el('p', 'outbox__empty', '还没有通知')); return; }
      items.forEach(function (i) { box.appendChild(card(i)); });
    }).catch(function () { document.getElementById('outbox').innerHTML = '<p class="outbox__empty">读取失败，请确认本地服务在运行</p>'; });
  }
  load();
  setInterval(load, 5000);
})();
</script>
</body>
</html>
`;
}

const ASSET_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/** Images of the mini-program (`<image src="/assets/…">`, tab bar icons) at their WeChat paths. */
function staticAsset(rootDir: string, urlPath: string): { file: string; type: string } | undefined {
  const type = ASSET_TYPES[path.extname(urlPath).toLowerCase()];
  if (!type) return undefined;
  const mpRoot = path.join(rootDir, 'miniprogram');
  const file = path.resolve(mpRoot, `.${decodeURIComponent(urlPath)}`);
  if (!file.startsWith(mpRoot + path.sep) || !fs.existsSync(file)) return undefined;
  return { file, type };
}

export function createPreview(opts: { rootDir: string }): Preview {
  const builder = new PreviewBuilder(opts.rootDir);
  const cssFile = path.join(__dirname, 'browser', 'preview.css');
  return {
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const p = url.pathname;
      if (NOT_OURS.some((re) => re.test(p))) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      try {
        if (p === '/' || p === '/index.html') {
          const assets = await builder.assets();
          send(res, 200, 'text/html; charset=utf-8', shellHtml(assets.version, url.searchParams.get('shot') === '1'));
          return true;
        }
        const asset = staticAsset(opts.rootDir, p);
        if (asset) {
          send(res, 200, asset.type, fs.readFileSync(asset.file));
          return true;
        }
        if (p === '/favicon.ico') {
          res.writeHead(204);
          res.end();
          return true;
        }
        if (p === '/outbox') {
          send(res, 200, 'text/html; charset=utf-8', outboxHtml(opts.rootDir));
          return true;
        }
        if (p === '/preview/preview.css') {
          send(res, 200, 'text/css; charset=utf-8', fs.readFileSync(cssFile));
          return true;
        }
        if (p === '/preview/app.css') {
          send(res, 200, 'text/css; charset=utf-8', (await builder.assets()).css);
          return true;
        }
        if (p === '/preview/wxml.js') {
          send(res, 200, 'application/javascript; charset=utf-8', (await builder.assets()).wxml);
          return true;
        }
        if (p === '/preview/app.js') {
          send(res, 200, 'application/javascript; charset=utf-8', (await builder.assets()).js);
          return true;
        }
      } catch (e) {
        const msg = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
        send(res, 500, 'text/plain; charset=utf-8', `预览构建失败：\n${msg}`);
        return true;
      }
      return false;
    },
  };
}
