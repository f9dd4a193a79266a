import { action, createFunction } from '../common/handler';
import * as s from './schemas';
import { castVote } from '../common/vote/cast';
import { auditSalt } from '../common/vote/ledger';
import { flagsAction, myVotes, reconcileAction, reconcileAll, voidVotes } from '../common/vote/vote-admin';
import { castAssisted, deskView } from '../common/vote/assisted';
import { verifyPhone } from '../common/voters/verify';

export const main = createFunction(
  'vote',
  {
    cast: action(s.castVote, (p, ctx) => castVote(ctx, p, auditSalt())),
    mine: action(s.byContest, (p, ctx) => myVotes(ctx, p.contestId)),
    assisted: action(s.assisted, (p, ctx) => castAssisted(ctx, p, auditSalt())),
    desk: action(s.byContest, (p, ctx) => deskView(ctx, p.contestId)),
    verifyPhone: action(s.verifyPhone, (p, ctx) => verifyPhone(ctx, p)),
    reconcile: action(s.reconcile, (p, ctx) => reconcileAction(ctx, p.contestId)),
    flags: action(s.flags, (p, ctx) => flagsAction(ctx, p.contestId, p.windowMinutes ?? 10)),
    void: action(s.voidVotes, (p, ctx) => voidVotes(ctx, p)),
  },
  {
    /** Recounts every live contest's ledger and repairs counters a crash left behind. */
    reconcile: async (ctx) => ({ reports: await reconcileAll(ctx.db, 'timer', ctx.now) }),
  },
);
