/** Activity calls used by pages (typed through services/cloud). */
import type { ActivityView } from '../../typings/activity';
import { callCloud, type CallOptions } from './cloud';

export function listActivities(params: { projectId?: string; from?: string } = {}, options: CallOptions = {}): Promise<{ items: ActivityView[] }> {
  return callCloud('activity', 'list', params, options);
}
