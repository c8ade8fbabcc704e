// Node-side tests (domain, contract, emulator, build, e2e) only need TypeScript stripped.
module.exports = {
  presets: [['@babel/preset-env', { targets: { node: '20' } }], '@babel/preset-typescript'],
}
