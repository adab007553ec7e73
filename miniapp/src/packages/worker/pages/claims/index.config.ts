export default definePageConfig({ navigationBarTitleText: '居民认领申请', enablePullDownRefresh: true })
