export default definePageConfig({ navigationBarTitleText: '志愿者与党员' })
