/**
 * The automator endpoint: a WebSocket speaking the protocol `miniprogram-automator` uses to drive
 * WeChat DevTools ({id, method, params} → {id, result} | {id, error: {message}}; events
 * {method, params}). `Tool.*` is answered here; `App.*`, `Page.*` and `Element.*` are relayed to
 * the preview page open in a browser, which connects back on `<path>/page` and executes them
 * against the rendered mini-program (browser/automator-agent.ts). Every request gets an answer.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';

interface Frame {
  id?: string | number;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { message: string };
}

interface Pending {
  client: WebSocket;
  clientId: string | number;
  timer: NodeJS.Timeout;
}

/** How long a command may wait for a preview page to be open, then for its answer. */
const WAIT_FOR_PAGE_MS = 20_000;
const ANSWER_TIMEOUT_MS = 60_000;

export interface AutomatorBridge {
  /** Number of preview pages connected (the newest one is driven). */
  pages(): number;
  close(): void;
}

function parse(data: RawData): Frame | null {
  try {
    return JSON.parse(data.toString()) as Frame;
  } catch {
    return null;
  }
}

function reply(ws: WebSocket, frame: Frame): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
}

export interface AutomatorOptions {
  /** How long a command waits for a preview page to connect (default 20 s). */
  pageWaitMs?: number;
}

export function attachAutomator(server: http.Server, path = '/automator', opts: AutomatorOptions = {}): AutomatorBridge {
  const pageWaitMs = opts.pageWaitMs ?? WAIT_FOR_PAGE_MS;
  const clientsWss = new WebSocketServer({ noServer: true });
  const pagesWss = new WebSocketServer({ noServer: true });
  const pages: WebSocket[] = [];
  const clients = new Set<WebSocket>();
  const pending = new Map<string, Pending>();
  const waiters: (() => void)[] = [];
  let seq = 0;

  const currentPage = () => pages[pages.length - 1];

  function waitForPage(): Promise<WebSocket | undefined> {
    const open = currentPage();
    if (open) return Promise.resolve(open);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), pageWaitMs);
      waiters.push(() => {
        clearTimeout(timer);
        resolve(currentPage());
      });
    });
  }

  function failPending(ofPage: WebSocket | null, message: string): void {
    for (const [key, p] of pending) {
      if (ofPage && !key.startsWith(`${(ofPage as WebSocket & { __pid?: number }).__pid ?? ''}:`)) continue;
      clearTimeout(p.timer);
      reply(p.client, { id: p.clientId, error: { message } });
      pending.delete(key);
    }
  }

  async function handleClientFrame(client: WebSocket, frame: Frame): Promise<void> {
    if (frame.id === undefined || !frame.method) return;
    const { id, method } = frame;
    if (method.startsWith('Tool.')) {
      if (method === 'Tool.getInfo') return reply(client, { id, result: { SDKVersion: '3.6.0', version: 'doorstep-preview' } });
      if (method === 'Tool.close') return reply(client, { id, result: {} });
      return reply(client, { id, error: { message: `${method} is not supported by the web preview` } });
    }
    const page = await waitForPage();
    if (!page) return reply(client, { id, error: { message: 'no preview page is open: open the web preview in a browser first' } });
    const pid = (page as WebSocket & { __pid?: number }).__pid ?? 0;
    const key = `${pid}:${++seq}`;
    const timer = setTimeout(() => {
      pending.delete(key);
      reply(client, { id, error: { message: `${method} got no answer from the preview page in ${ANSWER_TIMEOUT_MS} ms` } });
    }, ANSWER_TIMEOUT_MS);
    pending.set(key, { client, clientId: id, timer });
    page.send(JSON.stringify({ id: key, method, params: frame.params ?? {} }));
  }

  clientsWss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('message', (data) => {
      const frame = parse(data);
      if (frame) void handleClientFrame(ws, frame);
    });
    ws.on('close', () => clients.delete(ws));
  });

  let pageSeq = 0;
  pagesWss.on('connection', (ws) => {
    (ws as WebSocket & { __pid?: number }).__pid = ++pageSeq;
    pages.push(ws);
    waiters.splice(0).forEach((w) => w());
    ws.on('message', (data) => {
      const frame = parse(data);
      if (!frame) return;
      if (frame.id !== undefined) {
        const p = pending.get(String(frame.id));
        if (!p) return;
        clearTimeout(p.timer);
        pending.delete(String(frame.id));
        reply(p.client, frame.error ? { id: p.clientId, error: frame.error } : { id: p.clientId, result: frame.result ?? {} });
      } else if (frame.method) {
        for (const c of clients) reply(c, { method: frame.method, params: frame.params ?? {} });
      }
    });
    ws.on('close', () => {
      const i = pages.indexOf(ws);
      if (i >= 0) pages.splice(i, 1);
      failPending(ws, 'the preview page closed or reloaded before answering');
    });
  });

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const p = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (p === path) clientsWss.handleUpgrade(req, socket, head, (ws) => clientsWss.emit('connection', ws, req));
    else if (p === `${path}/page`) pagesWss.handleUpgrade(req, socket, head, (ws) => pagesWss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);
  // Upgraded sockets keep server.close() waiting: end them as soon as the server stops listening.
  let seenListening = server.listening;
  const watch = setInterval(() => {
    if (server.listening) {
      seenListening = true;
      return;
    }
    if (!seenListening) return;
    clearInterval(watch);
    for (const ws of [...clients, ...pages]) ws.terminate();
  }, 200);
  watch.unref();

  return {
    pages: () => pages.length,
    close() {
      clearInterval(watch);
      server.off('upgrade', onUpgrade);
      failPending(null, 'automator endpoint closed');
      for (const ws of [...clients, ...pages]) ws.terminate();
      clientsWss.close();
      pagesWss.close();
    },
  };
}
