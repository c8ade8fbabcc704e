/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5'
    /** CloudBase environment id for Taro.cloud.init (weapp); from .env files, never code. */
    TARO_APP_CLOUD_ENV?: string
  }
}
