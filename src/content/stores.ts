import type { Store } from '../domain/stores/stores'

/** The fictional store catalogue the sample app ships (names, addresses and sites are made up). */
export const STORES: readonly Store[] = [
  { id: 'sh-jingan', city: 'shanghai', name: '示例商城 静安店', address: '上海市静安区示例路 101 号', latitude: 31.2286, longitude: 121.4488, rank: 1, url: 'https://jingan.stores.example.com' },
  { id: 'sh-xuhui', city: 'shanghai', name: '示例商城 徐汇店', address: '上海市徐汇区样本大道 22 号', latitude: 31.1886, longitude: 121.4365, rank: 2, url: 'https://xuhui.stores.example.com' },
  { id: 'sh-pudong', city: 'shanghai', name: '示例商城 浦东店', address: '上海市浦东新区演示街 8 号', latitude: 31.2304, longitude: 121.5364, rank: 3, url: 'https://pudong.stores.example.com' },
  { id: 'sh-hongqiao', city: 'shanghai', name: '示例商城 虹桥店', address: '上海市长宁区虚构路 66 号', latitude: 31.1946, longitude: 121.3959, rank: 4, url: 'https://hongqiao.stores.example.com' },
  { id: 'hz-xihu', city: 'hangzhou', name: '示例商城 西湖店', address: '杭州市西湖区示范路 3 号', latitude: 30.2592, longitude: 120.1489, rank: 1, url: 'https://xihu.stores.example.com' },
  { id: 'hz-binjiang', city: 'hangzhou', name: '示例商城 滨江店', address: '杭州市滨江区样例街 15 号', latitude: 30.2084, longitude: 120.2119, rank: 2, url: 'https://binjiang.stores.example.com' },
  { id: 'hz-gongshu', city: 'hangzhou', name: '示例商城 拱墅店', address: '杭州市拱墅区测试路 27 号', latitude: 30.3195, longitude: 120.1417, rank: 3, url: 'https://gongshu.stores.example.com' },
  { id: 'bj-chaoyang', city: 'beijing', name: '示例商城 朝阳店', address: '北京市朝阳区示例东路 9 号', latitude: 39.9219, longitude: 116.4436, rank: 1, url: 'https://chaoyang.stores.example.com' },
  { id: 'bj-haidian', city: 'beijing', name: '示例商城 海淀店', address: '北京市海淀区样本西街 5 号', latitude: 39.9593, longitude: 116.2981, rank: 2, url: 'https://haidian.stores.example.com' },
]

/** A store's name for records that keep only its id; an id no longer in the catalogue shows as itself. */
export function storeName(id: string): string {
  return STORES.find((s) => s.id === id)?.name ?? id
}
