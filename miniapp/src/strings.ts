/** Every user-visible string, in one place (Chinese UI). */
export const S = {
  appName: '微网格',
  loading: '加载中…',
  retry: '重试',
  empty: '暂无数据',
  home: {
    report: '我要上报',
    reportHint: '拍照上报身边的问题，自动派往所在微网格',
    region: '服务区域',
    noRegion: '尚未导入网格',
    categories: '问题类别',
    gridCounts: '网格概况'
  },
  report: { title: '上报问题', soon: '上报表单（事件闭环上线后开放）' },
  mine: { title: '我的', login: '登录后查看我的上报' },
  worker: { inbox: '任务' },
  admin: { dashboard: '数据看板' }
} as const
