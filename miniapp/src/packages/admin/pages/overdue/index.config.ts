export default definePageConfig({ navigationBarTitleText: '超期事件', enablePullDownRefresh: true })
