/**
 * The node test environment, plus the runtime's filter for node-sdk's per-socket listener
 * warning (local/host/sdk-warnings.ts). Tests that host the runtime in-process run it inside
 * jest's sandbox, whose `process` is not the one Node warns on; an environment runs outside
 * the sandbox and can install the filter on the real one.
 */
import NodeEnvironment from 'jest-environment-node';
import { quietSdkSocketWarnings } from '../../local/host/sdk-warnings';

export default class DoorstepNodeEnvironment extends NodeEnvironment {
  constructor(...args: ConstructorParameters<typeof NodeEnvironment>) {
    super(...args);
    quietSdkSocketWarnings(() => undefined);
  }
}
