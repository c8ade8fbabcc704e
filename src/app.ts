import { useLaunch } from '@tarojs/taro'
import { type PropsWithChildren } from 'react'
import { startPrivacySession } from '@/flows/privacy-session'
import { initCloud } from '@/services/cloud'
import './app.scss'

initCloud()

function App({ children }: PropsWithChildren) {
  // Hook WeChat's privacy interception before any page can call a privacy API.
  useLaunch(() => startPrivacySession())
  return children
}

export default App
