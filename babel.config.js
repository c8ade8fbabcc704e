// Taro's preset compiles the mini-program; Jest reuses it for component tests.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
