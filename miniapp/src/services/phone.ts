import Taro from '@tarojs/taro'

/**
 * Dial a number: WeChat opens its call sheet, H5 follows a tel: link (Taro's makePhoneCall on both).
 * A cancelled call is not an error for the page.
 */
export async function callPhone(phoneNumber: string): Promise<void> {
  try {
    await Taro.makePhoneCall({ phoneNumber })
  } catch {
    /* cancelled by the user */
  }
}
