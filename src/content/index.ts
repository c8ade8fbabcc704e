export { MANIFEST_2026_1, MANIFEST_2026_2, MANIFEST_2026_3, PRIVACY_MANIFEST } from './privacy-manifest'
export { LATEST_POLICY, POLICY_2026_1, POLICY_2026_2, POLICY_2026_3, POLICY_VERSIONS } from './policies'
export { PRODUCTS } from './products'
export { STORES } from './stores'
