import path from 'node:path'
import ts from 'typescript'
import { isWxPrivacyApi, isWxScope } from '../src/domain/policy/privacy-apis'

/**
 * Finds the WeChat APIs a set of TypeScript/TSX sources reaches, by reading them with the TypeScript
 * compiler and its type checker rather than as text: a member of the API object counts however the code
 * gets at it (`Taro.x`, `wx.x`, an alias of `Taro`, `const { x } = Taro`, `Taro['x']`, a named import from
 * `@tarojs/taro`, or a module that re-exports Taro). Comments are not code, so they never count.
 */

/** How a source file reaches an API. */
export type UsageVia = 'call' | 'import' | 'export' | 'open-type' | 'component' | 'scope'

export interface ApiUsage {
  /** Relative to the scan's root, `/`-separated. */
  file: string
  /** 1-based. */
  line: number
  /** A member of `Taro`/`wx` (privacy API or not), a button open-type, `camera`, a scope string, or `*` (ALL_APIS). */
  api: string
  via: UsageVia
}

export interface SourceText {
  /** Relative to the scan's root. */
  path: string
  source: string
}

const ROOT = path.resolve(__dirname, '..')

// The interfaces `Taro` (@tarojs/taro) and `wx` (miniprogram-api-typings) are typed as.
const API_OBJECTS = new Set(['TaroStatic', 'Wx'])
const API_TYPINGS = /\/node_modules\/(@tarojs\/taro|miniprogram-api-typings)\//
// Read by name whatever the checker says, so `declare const wx: any` cannot hide a call.
const API_GLOBALS = new Set(['Taro', 'wx'])

/** What `export * from '@tarojs/taro'` reaches: every API, so it is a privacy usage no manifest declares. */
export const ALL_APIS = '*'

// Library typings are the same for every scan; parsing them once keeps a scan of one snippet fast.
const libraryFiles = new Map<string, ts.SourceFile>()

function compilerOptions(root: string): ts.CompilerOptions {
  const file = path.join(root, 'tsconfig.json')
  const read = ts.readConfigFile(file, ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(read.config ?? {}, ts.sys, root, undefined, file)
  // `wx` is declared only when the scan sees WeChat's own typings; the app's tsconfig leaves them out.
  return { ...options, types: [...(options.types ?? []), 'miniprogram-api-typings'], noEmit: true }
}

function ancestors(dir: string): string[] {
  const parent = path.dirname(dir)
  return parent === dir ? [dir] : [dir, ...ancestors(parent)]
}

function createProgram(root: string, files: readonly SourceText[]): ts.Program {
  const options = compilerOptions(root)
  const virtual = new Map(files.map((f) => [path.resolve(root, f.path), f.source]))
  const host = ts.createCompilerHost(options, true)
  const { getSourceFile, fileExists, readFile } = host
  const dirs = new Set([...virtual.keys()].flatMap((f) => ancestors(path.dirname(f))))
  host.fileExists = (name) => virtual.has(path.resolve(name)) || fileExists(name)
  // Module resolution looks for the folder first, and a scanned snippet's folder may exist only here.
  host.directoryExists = (name) => dirs.has(path.resolve(name)) || ts.sys.directoryExists(name)
  host.readFile = (name) => virtual.get(path.resolve(name)) ?? readFile(name)
  host.getSourceFile = (name, language, ...rest) => {
    const text = virtual.get(path.resolve(name))
    if (text !== undefined) return ts.createSourceFile(name, text, language, true)
    if (!name.includes('/node_modules/')) return getSourceFile(name, language, ...rest)
    let sf = libraryFiles.get(name)
    if (!sf) {
      sf = getSourceFile(name, language, ...rest)
      if (sf) libraryFiles.set(name, sf)
    }
    return sf
  }
  return ts.createProgram([...virtual.keys()], options, host)
}

function resolveAlias(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): ts.Symbol | undefined {
  return symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
}

/** True when `symbol` is a member of the Taro or wx API object, as their typings declare it. */
function isApiMember(symbol: ts.Symbol | undefined): boolean {
  return !!symbol?.declarations?.some((d) => d.parent && ts.isInterfaceDeclaration(d.parent) && API_OBJECTS.has(d.parent.name.text) && API_TYPINGS.test(d.getSourceFile().fileName))
}

function isApiModule(symbol: ts.Symbol | undefined): boolean {
  return !!symbol?.declarations?.some((d) => API_TYPINGS.test(d.getSourceFile().fileName))
}

/** The string values an expression can have, from its literal type (`'a'`, `'a' | 'b'`, a const). */
function literalStrings(checker: ts.TypeChecker, node: ts.Node): string[] {
  const type = checker.getTypeAtLocation(node)
  return (type.isUnion() ? type.types : [type]).flatMap((t) => (t.isStringLiteral() ? [t.value] : []))
}

function propertyKey(name: ts.PropertyName | ts.BindingName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) ? name.text : undefined
}

function isApiGlobal(node: ts.Node): boolean {
  return ts.isIdentifier(node) && API_GLOBALS.has(node.text)
}

function scanFile(checker: ts.TypeChecker, sf: ts.SourceFile, file: string): ApiUsage[] {
  const found: ApiUsage[] = []
  const add = (api: string, via: UsageVia, node: ts.Node) => found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, api, via })

  // `object.key` or `object['key']`: an API when the checker resolves it to a member of Taro/wx, or the
  // object is written `Taro`/`wx`.
  const member = (object: ts.Expression, key: string, node: ts.Node) => {
    if (isApiGlobal(object) || isApiMember(checker.getTypeAtLocation(object).getProperty(key))) add(key, 'call', node)
  }

  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) member(node.expression, node.name.text, node)
    else if (ts.isElementAccessExpression(node)) for (const key of literalStrings(checker, node.argumentExpression)) member(node.expression, key, node)
    else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent) && !node.dotDotDotToken) {
      // `const { getLocation } = Taro`: the pattern's type is the destructured object's.
      const key = propertyKey(node.propertyName ?? node.name)
      const declaration = node.parent.parent
      const object = ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined
      if (key && ((object && isApiGlobal(object)) || isApiMember(checker.getTypeAtLocation(node.parent).getProperty(key)))) add(key, 'call', node)
    } else if (ts.isImportSpecifier(node) && !node.isTypeOnly && !node.parent.parent.isTypeOnly) {
      const target = resolveAlias(checker, checker.getSymbolAtLocation(node.name))
      if (target && isApiMember(target)) add(target.name, 'import', node)
    } else if (ts.isExportDeclaration(node) && !node.exportClause && !node.isTypeOnly && node.moduleSpecifier && isApiModule(checker.getSymbolAtLocation(node.moduleSpecifier))) {
      // `export * from '@tarojs/taro'` hands on every API; its importers cannot be followed (TypeScript
      // does not carry an `export =` object's members through `export *`), so the module itself counts.
      add(ALL_APIS, 'export', node)
    } else if (ts.isExportSpecifier(node) && !node.isTypeOnly && !node.parent.parent.isTypeOnly) {
      const target = resolveAlias(checker, checker.getExportSpecifierLocalTargetSymbol(node))
      if (target && isApiMember(target)) add(target.name, 'export', node)
    } else if (ts.isJsxAttribute(node) && ['openType', 'open-type'].includes(node.name.getText(sf)) && node.initializer) {
      const value = ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer
      // A written string is taken as is (the prop's type widens it); a variable by its literal type.
      const values = !value ? [] : ts.isStringLiteralLike(value) ? [value.text] : literalStrings(checker, value)
      for (const v of values) for (const t of v.split('|')) add(t.trim(), 'open-type', node)
    } else if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
      // `<Camera>` or an alias of it (`import { Camera as C }`).
      const target = resolveAlias(checker, checker.getSymbolAtLocation(node.tagName))
      if ((target?.name ?? node.tagName.getText(sf)) === 'Camera') add('camera', 'component', node)
    } else if (ts.isStringLiteralLike(node) && isWxScope(node.text)) {
      // Any scope string counts, so `authorize({ scope })` with a variable is covered where the value is written.
      add(node.text, 'scope', node)
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return found
}

/** Every WeChat API reference in `files` (paths relative to `root`), in file then line order. */
export function scanWxApis(files: readonly SourceText[], root: string = ROOT): ApiUsage[] {
  const program = createProgram(root, files)
  const checker = program.getTypeChecker()
  return files.flatMap((f) => {
    const sf = program.getSourceFile(path.resolve(root, f.path))
    if (!sf) throw new Error(`privacy-api-scan: ${f.path} was not loaded`)
    return scanFile(checker, sf, f.path.split(path.sep).join('/')).sort((a, b) => a.line - b.line)
  })
}

/** Whether a usage is of a WeChat privacy API, open-type, component or scope (privacy-apis.ts). */
export function isPrivacyUsage(u: ApiUsage): boolean {
  return u.via === 'scope' ? isWxScope(u.api) : u.api === ALL_APIS || isWxPrivacyApi(u.api)
}

/** The privacy usages in `files` that `declared` (the manifest's) lacks; empty means code and manifest agree. */
export function undeclaredUsages(files: readonly SourceText[], declared: ReadonlySet<string>, root: string = ROOT): ApiUsage[] {
  return scanWxApis(files, root).filter((u) => isPrivacyUsage(u) && !declared.has(u.api))
}

/**
 * The declared privacy APIs and scopes (the manifest's) that nothing in `files` uses: the other direction of
 * the lint. A declaration the code does not use tells users of a collection that never happens, and WeChat's
 * review compares the guide with the calls both ways. Empty means every declaration is used somewhere.
 */
export function unusedDeclarations(files: readonly SourceText[], declared: ReadonlySet<string>, root: string = ROOT): string[] {
  const used = new Set(scanWxApis(files, root).filter(isPrivacyUsage).map((u) => u.api))
  // `export * from '@tarojs/taro'` reaches every API, but is no evidence that any one of them is used.
  return [...declared].filter((api) => !used.has(api)).sort()
}
