/** Builds the deployable cloud functions once, before any test loads them. */
import { buildFunctions } from '../build/functions';

export default async function globalSetup(): Promise<void> {
  await buildFunctions();
}
