/** Contest and vote calls used by pages (typed through services/cloud). */
import type { ContestSummary } from '../../typings/contest';
import { callCloud, type CallOptions } from './cloud';

export function listContests(options: CallOptions = {}): Promise<{ items: ContestSummary[] }> {
  return callCloud('contest', 'list', {}, options);
}
