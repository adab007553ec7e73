export default defineAppConfig({
  // Resident pages live in the main package (kept under 1 MB); role areas are subpackages.
  pages: ['pages/index/index', 'pages/report/index', 'pages/mine/index'],
  subPackages: [
    { root: 'packages/worker', name: 'worker', pages: ['pages/inbox/index'] },
    { root: 'packages/admin', name: 'admin', pages: ['pages/dashboard/index'] }
  ],
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
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/mine/index', text: '我的' }
    ]
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于确定您上报问题所在的网格' }
  },
  __usePrivacyCheck__: true
})
