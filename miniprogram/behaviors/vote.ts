/**
 * The vote button of the 投票 pages, one way: the card shows +1 at once and a spinner, a second
 * tap does nothing while the vote is in flight; the server's answer then wins. Accepted: its
 * count and quota. Refused (e.g. ALREADY_VOTED_TODAY) or timed out: the page is read again from
 * the server, so neither the card nor the header keeps a stale "+1" or a stale "投票".
 */
import type { ProjectCard, VoterView } from '../../typings/contest';
import { castVote } from '../services/vote';
import { getContestPage } from '../services/contest';
import { isCloudError } from '../services/cloud';
import { confirmVote, optimisticVote } from '../utils/vote-view';

interface VotingPage {
  data: { contestId: string; me: VoterView | null; projects: ProjectCard[]; voting: string };
  setData(data: Record<string, unknown>): void;
  render(): void;
}

export const voteBehavior = Behavior({
  data: { voting: '' },
  methods: {
    async castWithFeedback(this: VotingPage, projectId: string): Promise<void> {
      const { me, projects, contestId } = this.data;
      if (!me || this.data.voting) return;
      const guess = optimisticVote(me, projects, projectId);
      this.setData({ voting: projectId, me: guess.me, projects: guess.projects });
      this.render();
      try {
        const res = await castVote(contestId, projectId);
        const after = confirmVote(this.data.me as VoterView, this.data.projects, projectId, res.votes, res.votesLeftToday);
        this.setData({ me: after.me, projects: after.projects, voting: '' });
        this.render();
        wx.showToast({ title: '投票成功，感谢支持！', icon: 'success' });
      } catch (err) {
        // Our guess is wrong; what is right is what the server knows now.
        const before = { me, projects };
        try {
          const page = await getContestPage({ contestId }, { loading: false, toast: false });
          this.setData({ me: page.me, projects: page.projects, voting: '' });
        } catch {
          this.setData({ me: before.me, projects: before.projects, voting: '' });
        }
        this.render();
        wx.showToast({ title: isCloudError(err) ? err.message : '投票没有成功，请稍后再试', icon: 'none', duration: 3000 });
      }
    },
  },
});
