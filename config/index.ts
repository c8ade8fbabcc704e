import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

// Each platform builds into its own folder so weapp and h5 outputs never overwrite each other.
export default defineConfig<'webpack5'>(() => {
  const platform = process.env.TARO_ENV ?? 'weapp'
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'privacy-centre',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {},
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    copy: { patterns: [], options: {} },
    // WeChat templates cannot recurse, so base.wxml holds every component's template once per level.
    // Taro's default 16 levels made it 60 KB of the 400 KB main package. The main pages nest at most 6
    // elements deep (measured in the h5 build); at 7 levels a deeper subtree still renders, through
    // Taro's `comp` component, at the cost of one more custom component.
    baseLevel: 7,
    // In the mini-program, Chinese as UTF-8 rather than Taro's \uXXXX escapes (6 bytes a character, not 3):
    // WeChat reads code files as UTF-8, and terser still escapes U+2028/2029, which old engines read as line ends.
    ...(platform === 'weapp' ? { terser: { enable: true, config: { output: { ascii_only: false } } } } : {}),
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: process.env.CI !== 'true' },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  return config
})
