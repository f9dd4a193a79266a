/** Seeds the demo programme into a running local runtime through its functions host. */
import { DEMO_ADMIN, seedDemo, type SeedEnvelope } from '../local/seed/demo';
import { storageUploader } from '../local/seed/upload';

export async function seedOverHttp(baseUrl: string): Promise<void> {
  await seedDemo({
    log: (msg) => console.log(msg),
    upload: storageUploader(baseUrl),
    call: async (fn, data, openid = DEMO_ADMIN, at) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-openid': openid };
      if (at) headers['x-now'] = at.toISOString();
      const res = await fetch(`${baseUrl}/api/call/${fn}`, { method: 'POST', headers, body: JSON.stringify(data) });
      if (res.status === 404) return { ok: false, code: 'NOT_BUILT', message: `${fn} is not available` };
      return (await res.json()) as SeedEnvelope;
    },
  });
}
