export default defineAppConfig({
  // Resident pages live in the main package (kept under 1 MB); role areas are subpackages.
  pages: ['pages/index/index', 'pages/report/index', 'pages/mine/index', 'pages/event/index', 'pages/my-reports/index', 'pages/invite/index', 'pages/privacy/index'],
  subPackages: [
    { root: 'packages/worker', name: 'worker', pages: ['pages/inbox/index', 'pages/task/index', 'pages/notices/index', 'pages/notice/index', 'pages/bind-group/index', 'pages/patrol/index', 'pages/people/index', 'pages/household/index', 'pages/care/index', 'pages/visit/index', 'pages/volunteers/index', 'pages/volunteer/index', 'pages/household-edit/index', 'pages/person-edit/index', 'pages/org-new/index', 'pages/risk-new/index', 'pages/my-household/index', 'pages/care-plan/index', 'pages/claims/index'] },
    { root: 'packages/admin', name: 'admin', pages: ['pages/dashboard/index', 'pages/invite/index', 'pages/notice-new/index', 'pages/notices/index', 'pages/rules/index', 'pages/overdue/index', 'pages/campaigns/index', 'pages/campaign/index'] },
    // Campaign forms are seasonal (三询问一完善, 返乡报备): a subpackage, fetched ahead from the home page.
    { root: 'packages/campaign', name: 'campaign', pages: ['pages/form/index'] }
  ],
  preloadRule: { 'pages/index/index': { network: 'all', packages: ['campaign'] } },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f6feb',
    navigationBarTitleText: '微网格',
    navigationBarTextStyle: 'white'
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#1f6feb',
    backgroundColor: '#ffffff',
    list: [
      // 81×81 PNGs drawn by scripts/make-icons.mjs (about 0.4 KB each)
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-on.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-on.png' }
    ]
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于确定您上报问题所在的网格' }
  },
  __usePrivacyCheck__: true
})
