import { Button, Text, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import type { MeView } from '@/contracts/account'
import { account } from '@/services/cloud'
import './index.scss'

type State = { kind: 'loading' } | { kind: 'ready'; me: MeView } | { kind: 'failed'; code: string }

export default function Index() {
  const [state, setState] = useState<State>({ kind: 'loading' })

  const load = async () => {
    setState({ kind: 'loading' })
    const reply = await account.me()
    setState(reply.ok ? { kind: 'ready', me: reply.data } : { kind: 'failed', code: reply.code })
  }

  useLoad(() => {
    void load()
  })

  return (
    <View className='home'>
      <View className='home__title'>隐私中心</View>
      <View className='home__subtitle'>Privacy Centre</View>
      <View className='card' id='me-card'>
        {state.kind === 'loading' && <Text>加载中… Loading…</Text>}
        {state.kind === 'failed' && (
          <Text className='card__error' id='me-error'>
            暂时无法读取账户信息（{state.code}）· Could not load your account
          </Text>
        )}
        {state.kind === 'ready' && (
          <View>
            <View className='card__row'>
              <Text className='card__label'>当前账户 · Signed in as</Text>
              <Text className='card__value' id='me-openid'>{state.me.openid}</Text>
            </View>
            <View className='card__row'>
              <Text className='card__label'>访问次数 · Visits</Text>
              <Text className='card__value' id='me-visits'>{state.me.visits}</Text>
            </View>
            <View className='card__row'>
              <Text className='card__label'>首次访问 · First seen</Text>
              <Text className='card__value'>{state.me.firstSeenAt.slice(0, 10)}</Text>
            </View>
          </View>
        )}
      </View>
      <Button className='home__refresh' id='refresh' onClick={() => void load()}>
        刷新 · Refresh
      </Button>
    </View>
  )
}
