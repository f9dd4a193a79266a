/**
 * Per-call context for functions running in one Node process. wx-server-sdk reads identity
 * (WX_OPENID…) and its session token from process.env at call time, so process.env is made
 * to answer from the current call's AsyncLocalStorage store first.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CallEnv {
  /** Variables this call sees on top of the process environment. */
  vars: Record<string, string>;
}

const storage = new AsyncLocalStorage<CallEnv>();
let installed = false;

/** Replaces process.env with a view that prefers the current call's variables. Idempotent. */
export function installEnvProxy(): void {
  if (installed) return;
  const base = process.env;
  // The SDK reads a dozen variables per request; a plain copy answers them without a trip
  // through the native environment. Writes through the traps below keep both in step; what
  // the copy does not hold (methods, names defined otherwise) is read from the real one.
  // Windows matches names in any case, which a plain copy would not: no copy there.
  const useCopy = process.platform !== 'win32';
  const copy = new Map<string, string | undefined>(useCopy ? Object.entries(base) : []);
  const proxy = new Proxy(base, {
    get(target, key) {
      if (typeof key !== 'string') return Reflect.get(target, key);
      const call = storage.getStore();
      if (call && Object.prototype.hasOwnProperty.call(call.vars, key)) return call.vars[key];
      return copy.has(key) ? copy.get(key) : Reflect.get(target, key);
    },
    has(target, key) {
      const call = storage.getStore();
      if (call && typeof key === 'string' && Object.prototype.hasOwnProperty.call(call.vars, key)) return true;
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      const call = storage.getStore();
      const keys = new Set(Reflect.ownKeys(target));
      if (call) for (const k of Object.keys(call.vars)) keys.add(k);
      return [...keys];
    },
    // Writes go to the real environment object directly: the default Proxy path would
    // define the property through the proxy, which process.env refuses.
    set(target, key, value) {
      if (typeof key !== 'string') return false;
      target[key] = String(value);
      if (useCopy) copy.set(key, target[key]);
      return true;
    },
    deleteProperty(target, key) {
      if (typeof key === 'string') {
        delete target[key];
        copy.delete(key);
      }
      return true;
    },
    defineProperty(target, key, descriptor) {
      if (typeof key === 'string') copy.delete(key); // read from the real environment from now on
      return Reflect.defineProperty(target, key, descriptor);
    },
    getOwnPropertyDescriptor(target, key) {
      const call = storage.getStore();
      if (call && typeof key === 'string' && Object.prototype.hasOwnProperty.call(call.vars, key)) {
        return { value: call.vars[key], writable: true, enumerable: true, configurable: true };
      }
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
  process.env = proxy;
  installed = true;
}

export function runWithEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  return storage.run({ vars }, fn);
}
