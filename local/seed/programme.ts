/**
 * Demo programme modelled on the 4th 里水镇 "善治郁水 益动青创" micro-venture contest: 15 funded
 * projects, a 5-day online vote for 最佳人气奖 (top 5). The first eight titles and teams are
 * the ones the programme published; the other seven are illustrative projects on the
 * contest's stated themes (党建引领办实事, 住宅小区综合治理, 新市民融入, 社区微改造).
 */
export interface DemoProject {
  title: string;
  team: string;
  community: string;
  summary: string;
  planned: { type: string; sessions: number }[];
}

export const DEMO_CONTEST = {
  title: '善治郁水 益动青创 · 第四届社会治理微创投大赛',
  description: '15 个社区微项目，线上投票 5 天，得票前 5 名获“最佳人气奖”。每人每天可为每个项目投 1 票，为您身边的好项目助力！',
  topN: 5,
};

export const DEMO_PROJECTS: DemoProject[] = [
  {
    title: '悦园小区荒地变形计',
    team: '悦园小区楼长志愿服务队',
    community: '悦园小区',
    summary: '楼长带领居民把小区闲置荒地改造成共享花园，议事、种植、认养一起来。',
    planned: [
      { type: '居民议事会', sessions: 3 },
      { type: '共建劳动', sessions: 4 },
      { type: '认养分享会', sessions: 2 },
    ],
  },
  {
    title: '打造楼栋“生命通道”，“岭南魅力”微动员',
    team: '岭南厂生活区融爱互助小组',
    community: '岭南厂生活区',
    summary: '清理楼道杂物、规范电动车停放，守护楼栋消防“生命通道”。',
    planned: [
      { type: '楼道清理', sessions: 4 },
      { type: '消防宣传', sessions: 2 },
    ],
  },
  {
    title: '“青创海南洲，共读齐议事”海南洲社区关爱新市民行动',
    team: '海南洲糖果花园妇女微家',
    community: '海南洲社区',
    summary: '亲子共读与议事会相结合，帮助新市民家庭融入社区。',
    planned: [
      { type: '亲子共读', sessions: 6 },
      { type: '议事会', sessions: 3 },
    ],
  },
  {
    title: '“幸福小院子”大冲社区共建品质空间微改造项目',
    team: '大冲社区志愿服务队',
    community: '大冲社区',
    summary: '居民共同设计、动手改造社区小院，打造邻里休憩的幸福空间。',
    planned: [
      { type: '设计工作坊', sessions: 2 },
      { type: '共建劳动', sessions: 4 },
    ],
  },
  {
    title: '“绿荫绕社区，共筑家乡美”邓岗社区微改造项目',
    team: '邓岗社区志愿服务队',
    community: '邓岗社区',
    summary: '补种绿植、修整小径，让社区绿荫环绕。',
    planned: [
      { type: '植绿护绿', sessions: 5 },
      { type: '环境议事', sessions: 2 },
    ],
  },
  {
    title: '“党建引领，邻里互助”农场建设计划',
    team: '洲村社区志愿服务队',
    community: '洲村社区',
    summary: '党员带头运营爱心农场，鲜菜到户，关爱社区弱能长者。',
    planned: [
      { type: '议事协商座谈会', sessions: 4 },
      { type: '鲜菜到户', sessions: 11 },
      { type: '农场公益日', sessions: 3 },
    ],
  },
  {
    title: '金沙半岛小区电动自行车停放治理项目',
    team: '同声社区公共服务中心',
    community: '同声社区',
    summary: '融和圆桌议事，21 天文明停车劝导，治理电动自行车乱停放。',
    planned: [
      { type: '融和圆桌议事会', sessions: 3 },
      { type: '能力培训', sessions: 2 },
      { type: '劝导巡查', sessions: 21 },
    ],
  },
  {
    title: '“知民俗，晓乡情” 甘蕉社区最美导赏线评选活动',
    team: '甘蕉社区志愿服务队',
    community: '甘蕉社区',
    summary: '本地居民与新市民组成导赏员队伍，走读社区文化，评选最美导赏线。',
    planned: [
      { type: '探讨会议', sessions: 3 },
      { type: '导赏实践', sessions: 3 },
    ],
  },
  {
    title: '“长者饭堂”邻里助餐行动',
    team: '河村社区长者服务队',
    community: '河村社区',
    summary: '志愿者为独居长者送餐上门，定期陪伴聊天。',
    planned: [{ type: '送餐上门', sessions: 12 }],
  },
  {
    title: '新市民“融和学堂”',
    team: '里水社区新市民之家',
    community: '里水社区',
    summary: '为新市民开设政策、就业、育儿小课堂。',
    planned: [{ type: '小课堂', sessions: 6 }],
  },
  {
    title: '“楼道微客厅”改造计划',
    team: '和平社区楼组长联盟',
    community: '和平社区',
    summary: '把楼道闲置角落改造成邻里微客厅，居民出力出物共建。',
    planned: [
      { type: '设计工作坊', sessions: 2 },
      { type: '共建劳动', sessions: 3 },
    ],
  },
  {
    title: '垃圾分类“绿色积分”行动',
    team: '旗峰社区环保志愿队',
    community: '旗峰社区',
    summary: '桶边督导与积分兑换结合，提高垃圾分类准确率。',
    planned: [
      { type: '桶边督导', sessions: 10 },
      { type: '积分兑换日', sessions: 2 },
    ],
  },
  {
    title: '“青春护航”大学生社区服务营',
    team: '里水镇青年志愿者协会',
    community: '东风社区',
    summary: '大学生志愿者开展课后托管与社区调研。',
    planned: [{ type: '课后托管', sessions: 8 }],
  },
  {
    title: '“邻里守望”平安巡逻队',
    team: '草场社区平安志愿队',
    community: '草场社区',
    summary: '党员和志愿者夜间巡逻，守护小区平安。',
    planned: [{ type: '夜间巡逻', sessions: 12 }],
  },
  {
    title: '“手作暖心”编织互助小组',
    team: '沙涌社区妇女之家',
    community: '沙涌社区',
    summary: '编织帽子围巾送给社区独居老人，以手作传递温暖。',
    planned: [
      { type: '编织课', sessions: 6 },
      { type: '爱心探访', sessions: 2 },
    ],
  },
];

/** Places of the demo activities (names only; one with coordinates for the geofence). */
export const DEMO_PLACES = [
  { name: '悦园小区共享花园', latitude: 23.2301, longitude: 113.1602, radiusM: 300 },
  { name: '洲村社区党群服务中心' },
  { name: '同声社区融和圆桌议事厅' },
  { name: '甘蕉社区上街村文化广场' },
];
