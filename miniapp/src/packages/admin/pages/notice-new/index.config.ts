export default definePageConfig({ navigationBarTitleText: '发送通知' })
