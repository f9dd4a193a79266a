/**
 * Each call gets a session token that wx-server-sdk forwards to the emulator (tcb_sessionToken);
 * when a function calls another through the emulator, the token says whose call it was.
 */
import { randomBytes } from 'node:crypto';

export interface CallerContext {
  openid: string;
  /** ISO time the call's clock reads (X-Now); absent = the real clock. */
  now?: string;
}

export class SessionRegistry {
  private readonly sessions = new Map<string, CallerContext>();

  open(caller: CallerContext): string {
    const token = randomBytes(12).toString('hex');
    this.sessions.set(token, caller);
    return token;
  }

  lookup(token: string): CallerContext | undefined {
    return this.sessions.get(token);
  }

  close(token: string): void {
    this.sessions.delete(token);
  }
}
