import type { Purpose } from '../domain/policy/manifest-schema'

/**
 * The nearby-stores purpose of the privacy manifest, in a module of its own: the home page shows its
 * words before asking for location, and importing the whole manifest would put it all in the weapp
 * main package. The manifest lists this very object, so the two cannot differ.
 */
export const NEARBY_STORES_PURPOSE: Purpose = {
  id: 'nearby-stores',
  name: { 'zh-CN': '附近门店', en: 'Nearby stores' },
  description: { 'zh-CN': '根据你当前的位置查找附近门店并显示距离。', en: 'To find stores near where you are and show how far they are.' },
  kind: 'extended',
  roles: ['consumer'],
  dataCategories: ['precise-location'],
  legalBasis: 'separate-consent',
  ifRefused: { 'zh-CN': '不显示距离；你可以手动选择城市查看门店，其他功能不受影响。', en: 'Distances are not shown; you can pick a city by hand, and nothing else changes.' },
}
