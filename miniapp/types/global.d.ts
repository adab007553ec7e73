/// <reference types="@tarojs/taro" />
declare module '*.css'
declare module '*.scss'
declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'quickapp' | 'qq' | 'jd'
    TARO_APP_API_BASE?: string
    TARO_APP_DEV_WECHAT_BASE?: string
  }
}
