/** 使用帮助: how to vote, sign up and check in, in plain words. No cloud call. */
import { pageBehavior } from '../../behaviors/page';
import { ROUTES, openPage } from '../../utils/nav';

interface HelpTopic {
  id: string;
  title: string;
  steps: string[];
}

const TOPICS: HelpTopic[] = [
  {
    id: 'vote',
    title: '怎么投票',
    steps: ['在“首页”点开正在进行的评选', '看看各个项目的介绍，选出您喜欢的', '点“投票”。每个项目每天可以投一票，第二天还能再投'],
  },
  {
    id: 'signup',
    title: '怎么报名活动',
    steps: ['在“活动”里找到想参加的活动', '点“我要报名”，填写姓名和手机号', '名额满了也可以候补，有人取消时会按顺序通知您'],
  },
  {
    id: 'checkin',
    title: '到了现场怎么签到',
    steps: ['打开“我的”里的“扫码签到”', '对准工作人员屏幕上的二维码扫一扫', '看到“签到成功”就好了。没有手机的邻居可以请工作人员帮忙签到'],
  },
  {
    id: 'elder',
    title: '字太小看不清？',
    steps: ['在“我的”里打开“长辈模式”', '文字和按钮都会变大'],
  },
];

Component({
  behaviors: [pageBehavior],
  data: { topics: TOPICS },
  methods: {
    onGoHome() {
      openPage(ROUTES.home);
    },
    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      return { title: '家门口使用帮助：投票、报名、签到一看就会', path: ROUTES.help };
    },
  },
});
