import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { transformSync } from 'esbuild'
import type { DeployedFunction } from '../functions/runner'
import { escapeHtml } from '../gateway/signin-page'

export interface ConsolePage {
  envId: string
  functions: DeployedFunction[]
}

/** The README's first `ops` event: what staff paste into the CloudBase console's test panel. */
const EXAMPLE_EVENT = JSON.stringify({ operator: { name: 'ops_alice', token: '<token>' }, action: 'listRequests', status: ['submitted', 'awaiting-review'], limit: 20 }, null, 2)
const PREFERRED_FUNCTION = 'ops'

const STYLE = `
[hidden] { display: none !important; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; background: #f6f7f9; color: #1f2329; }
header, nav, main { max-width: 1200px; margin: 0 auto; padding: 0 12px; }
header { padding-top: 12px; }
h1 { font-size: 20px; margin: 0; }
h2 { font-size: 17px; margin: 0; }
h3 { font-size: 15px; margin: 16px 0 6px; }
/* Clear of the sticky tab bar when a chosen collection's documents are brought into view. */
#docs-title { scroll-margin-top: 128px; }
.note, .meta { color: #646a73; font-size: 14px; margin: 4px 0 8px; }
.meta.ok { color: #0a7a3d; }
.meta.failed, .error { color: #a61d24; }
.error { background: #fdecec; border-radius: 8px; padding: 8px 12px; margin: 8px 0; }
code { font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace; }
nav { position: sticky; top: 0; z-index: 1; display: grid; grid-template-columns: repeat(2, 1fr); gap: 8px; padding-top: 8px; padding-bottom: 8px; background: #f6f7f9; }
button, select, textarea { font: inherit; color: inherit; }
button { min-height: 44px; padding: 0 16px; border: 1px solid #dee0e3; border-radius: 8px; background: #fff; cursor: pointer; }
.bar button { flex-shrink: 0; white-space: nowrap; }
button.primary { width: 100%; margin-top: 8px; border-color: #07c160; background: #07c160; color: #fff; }
[role="tab"][aria-selected="true"], button[aria-pressed="true"] { border-color: #1f2329; background: #1f2329; color: #fff; }
button:disabled, button[aria-disabled="true"] { opacity: 0.5; cursor: default; }
:focus-visible { outline: 3px solid #3370ff; outline-offset: 2px; }
section { margin-bottom: 16px; padding: 12px; border-radius: 8px; background: #fff; }
.bar { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
label { display: block; margin: 12px 0 4px; font-size: 14px; }
select { width: 100%; min-height: 44px; padding: 0 8px; border: 1px solid #dee0e3; border-radius: 8px; background: #fff; }
textarea { display: block; width: 100%; min-height: 220px; padding: 8px; border: 1px solid #dee0e3; border-radius: 8px; font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace; resize: vertical; }
textarea[aria-invalid="true"] { border-color: #a61d24; }
pre { margin: 0; padding: 8px; min-height: 2.9em; max-height: 60vh; overflow: auto; border-radius: 8px; background: #f6f7f9; font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
ul, ol { margin: 0; padding: 0; list-style: none; }
li { margin: 0 0 8px; }
li.empty { color: #646a73; }
button.row { display: flex; width: 100%; align-items: center; justify-content: space-between; gap: 8px; text-align: left; }
button.row .name { overflow-wrap: anywhere; }
button.row .count { min-width: 2em; padding: 0 8px; border-radius: 10px; background: #eef0f3; color: #1f2329; font-size: 14px; text-align: center; }
.pager { display: flex; gap: 8px; margin-bottom: 8px; }
.pager button { flex: 1; }
.card { display: flex; flex-direction: column; gap: 4px; padding: 8px 0; border-bottom: 1px solid #eef0f3; }
.card .path { overflow-wrap: anywhere; }
.card .meta { margin: 0; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; font-size: 14px; }
dt { color: #646a73; }
dd { margin: 0; overflow-wrap: anywhere; }
@media (min-width: 720px) {
  nav { grid-template-columns: repeat(4, max-content); }
  #docs-title { scroll-margin-top: 72px; }
}
@media (min-width: 960px) {
  #panel-functions:not([hidden]) { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 24px; }
  #panel-functions > .bar { grid-column: 1 / -1; }
  #panel-database:not([hidden]) { display: grid; grid-template-columns: 280px minmax(0, 1fr); gap: 0 24px; align-items: start; }
  #panel-database > .bar, #panel-database > .note { grid-column: 1 / -1; }
}
`

let compiled: { script: string; csp: string } | undefined

/** The browser script (client.ts, types stripped) and a CSP admitting exactly it and the style. */
function assets(): { script: string; csp: string } {
  if (compiled) return compiled
  const source = readFileSync(path.join(__dirname, 'client.ts'), 'utf8')
  const script = transformSync(source, { loader: 'ts', format: 'iife', target: 'es2020', sourcefile: 'client.ts' }).code
  // Inlined as it is: a closing tag inside would end the element early.
  if (/<\/(script|style)/i.test(script)) throw new Error('client.ts must not contain a closing script or style tag')
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`
  const csp = [
    "default-src 'none'",
    `script-src ${hash(script)}`,
    `style-src ${hash(STYLE)}`,
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
  return (compiled = { script, csp })
}

/** The Content-Security-Policy the page must be served with. */
export function consoleCsp(): string {
  return assets().csp
}

/** The local console, self-contained (inline style and script, no other asset), zh-CN first with English labels. */
export function renderConsolePage(page: ConsolePage): string {
  const selected = page.functions.some((f) => f.name === PREFERRED_FUNCTION) ? PREFERRED_FUNCTION : page.functions[0]?.name
  const options = page.functions
    .map((f) => {
      const label = f.loadError === undefined ? f.name : `${f.name}（加载失败 failed to load）`
      return `<option value="${escapeHtml(f.name)}"${f.name === selected ? ' selected' : ''}>${escapeHtml(label)}</option>`
    })
    .join('')
  const noFunctions = page.functions.length === 0 ? '<p class="error">没有已部署的云函数 No functions are deployed (start the emulator with --functions).</p>' : ''
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>本地控制台 · Local console</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>本地控制台 · Local console</h1>
<p class="note">环境 Env <code>${escapeHtml(page.envId)}</code> · 仅存在于本地模拟器，代替云开发控制台 Emulator only, standing in for the CloudBase console</p>
</header>
<nav role="tablist" aria-label="面板 Panels">
<button type="button" role="tab" id="tab-functions" aria-controls="panel-functions" aria-selected="true">云函数 Functions</button>
<button type="button" role="tab" id="tab-database" aria-controls="panel-database" aria-selected="false" tabindex="-1">数据库 Database</button>
<button type="button" role="tab" id="tab-storage" aria-controls="panel-storage" aria-selected="false" tabindex="-1">存储 Storage</button>
<button type="button" role="tab" id="tab-outbox" aria-controls="panel-outbox" aria-selected="false" tabindex="-1">订阅消息 Outbox</button>
</nav>
<main>
<section role="tabpanel" id="panel-functions" aria-labelledby="tab-functions">
<div class="bar"><h2>云端测试 Test a function</h2></div>
<div>
<p class="note">以控制台身份调用：没有 OPENID。Invoked as the console: no OPENID.</p>
${noFunctions}
<label for="fn">云函数 Function</label>
<select id="fn">${options}</select>
<label for="event">测试事件 Test event (JSON)</label>
<textarea id="event" rows="12" spellcheck="false" autocapitalize="off" autocomplete="off" aria-describedby="event-error">${escapeHtml(EXAMPLE_EVENT)}</textarea>
<p id="event-error" class="error" role="alert" hidden></p>
<button type="button" id="invoke" class="primary" aria-busy="false" aria-disabled="false">调用 Invoke</button>
</div>
<div>
<h3>返回结果 Result</h3>
<p id="result-meta" class="meta" aria-live="polite">尚未调用 Not invoked yet</p>
<pre id="result" tabindex="0" aria-label="返回结果 Result"></pre>
<h3>日志 Logs</h3>
<pre id="logs" tabindex="0" aria-label="日志 Logs"></pre>
</div>
</section>
<section role="tabpanel" id="panel-database" aria-labelledby="tab-database" hidden>
<div class="bar"><h2>数据库 Database</h2><button type="button" id="db-refresh">刷新 Refresh</button></div>
<p class="note">只读；文档以 relaxed EJSON 显示。Read-only; documents as relaxed EJSON.</p>
<ul id="collections" aria-label="集合 Collections"></ul>
<div id="docs" hidden>
<h3 id="docs-title" tabindex="-1"></h3>
<p id="docs-range" class="meta" aria-live="polite"></p>
<div class="pager"><button type="button" id="docs-prev">上一页 Previous</button><button type="button" id="docs-next">下一页 Next</button></div>
<ol id="documents" aria-labelledby="docs-title"></ol>
</div>
</section>
<section role="tabpanel" id="panel-storage" aria-labelledby="tab-storage" hidden>
<div class="bar"><h2>云存储 Storage</h2><button type="button" id="files-refresh">刷新 Refresh</button></div>
<p class="note">只读 Read-only</p>
<ul id="files" aria-label="文件 Files"></ul>
</section>
<section role="tabpanel" id="panel-outbox" aria-labelledby="tab-outbox" hidden>
<div class="bar"><h2>订阅消息 Subscribe messages</h2><button type="button" id="outbox-refresh">刷新 Refresh</button></div>
<p class="note">云函数发出的订阅消息 What the functions sent</p>
<ul id="outbox" aria-label="订阅消息 Messages"></ul>
</section>
</main>
<script>${assets().script}</script>
</body>
</html>
`
}
