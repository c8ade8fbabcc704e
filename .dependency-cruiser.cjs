/**
 * The import rules of docs/architecture.md ("Layers, enforced"). `tools/layers.ts` runs this over
 * `src` and `cloudfunctions` in `npm test`; what imports cannot show (a page calling `Taro.getLocation`
 * or `Taro.cloud` through the `Taro` it imports for navigation) the API scan in the same step catches.
 * Paths are relative to the directory the cruise runs in, so a test can run the rules on a fixture tree.
 */

// An npm package whether it resolved (`node_modules/<name>/…`, possibly `../` up) or not (the bare name).
const pkg = (names) => `(^|/)node_modules/(${names})(/|$)|^(${names})(/|$)`
const TARO = '@tarojs/[^/]+'
const UI_OR_SDK = `${TARO}|react|react-dom|wx-server-sdk`

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'cloud-only-in-services',
      comment: 'Only src/services calls cloud functions; everything else goes through services/cloud.ts.',
      severity: 'error',
      from: { pathNot: '^src/services/' },
      to: { path: '^src/services/transport' },
    },
    {
      name: 'client-no-server-sdk',
      comment: 'The mini-program never carries the server SDK: it reaches the cloud only through src/services.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: pkg('wx-server-sdk') },
    },
    {
      name: 'server-sdk-only-in-adapter',
      comment: 'cloudfunctions/_shared/adapters is the only importer of wx-server-sdk.',
      severity: 'error',
      from: { path: '^cloudfunctions/', pathNot: '^cloudfunctions/_shared/adapters/' },
      to: { path: pkg('wx-server-sdk') },
    },
    {
      name: 'privacy-simulator-only-in-platform',
      comment: 'The h5 stand-in for WeChat privacy and permission APIs is reached only through src/platform.',
      severity: 'error',
      from: { pathNot: '^src/platform/' },
      to: { path: '^src/platform/simulator/' },
    },
    {
      name: 'domain-pure',
      comment: 'src/domain is shared with the cloud functions: no Taro, React or SDK.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: pkg(UI_OR_SDK) },
    },
    {
      name: 'no-taro-in-shared-code',
      comment: 'Contracts and content are bundled into the cloud functions too, and the functions themselves run on Node: no Taro or React.',
      severity: 'error',
      from: { path: '^(src/contracts/|src/content/|cloudfunctions/)' },
      to: { path: pkg(`${TARO}|react|react-dom`) },
    },
    {
      name: 'src-no-cloudfunctions',
      comment: 'Nothing in src (pages, components, domain, …) imports the cloud functions: repositories, adapters, use cases.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^cloudfunctions/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a layer that needs another's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
}
