/**
 * Who a local call is made as (the `X-Openid` of the functions host). The runtime lists
 * `admin-1` in ADMIN_OPENIDS; the demo seed makes `organizer-1` an organizer.
 */
export interface Persona {
  openid: string;
  label: string;
  role: 'resident' | 'organizer' | 'admin';
}

export const PERSONAS: readonly Persona[] = [
  { openid: 'resident-a', label: '居民 A', role: 'resident' },
  { openid: 'resident-b', label: '居民 B', role: 'resident' },
  { openid: 'organizer-1', label: '组织者', role: 'organizer' },
  { openid: 'admin-1', label: '管理员', role: 'admin' },
];

export const DEFAULT_PERSONA = PERSONAS[0];

export function personaByOpenid(openid: string): Persona | undefined {
  return PERSONAS.find((p) => p.openid === openid);
}
