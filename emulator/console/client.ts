import type { InvokeResult } from '../functions/runner'
import type { StoredFileInfo } from '../storage/storage'

/**
 * The local console's browser side, compiled by page.ts into the page's one inline script. Every
 * value reaches the DOM as text (textContent), never as markup.
 */

interface CollectionCount {
  name: string
  count: number
}

interface DocumentPage {
  name: string
  total: number
  offset: number
  limit: number
  documents: unknown[]
}

/** `GET /_emulator/outbox`: the subscribe messages functions sent. */
interface OutboxMessage {
  id: string
  at: string
  touser: string
  templateId: string
  page?: string
  data: unknown
  miniprogramState?: string
  lang?: string
}

const PAGE_SIZE = 50

function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id)
  if (!found) throw new Error(`#${id} is missing`)
  return found as T
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string, ...children: Node[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  node.append(...children)
  return node
}

function button(text: string, onClick: () => void, className = ''): HTMLButtonElement {
  const b = el('button', className, text)
  b.type = 'button'
  b.addEventListener('click', onClick)
  return b
}

const pretty = (value: unknown): string => JSON.stringify(value, null, 2) ?? 'undefined'
/** `2026-03-02 10:00:00 UTC`, as the logs write time; a value that is no time is shown as it is. */
function utc(time: string | number): string {
  const d = new Date(time)
  if (Number.isNaN(d.getTime())) return String(time)
  const iso = d.toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`
}
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err))

/** A JSON call to the console's API; a non-2xx answer throws its message. */
async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  })
  const reply = (await res.json().catch(() => ({}))) as { message?: string }
  if (!res.ok) throw new Error(reply.message ?? `HTTP ${res.status}`)
  return reply as T
}

function status(list: HTMLElement, text: string, className = 'empty'): void {
  list.replaceChildren(el('li', className, text))
}

// Tabs: one panel at a time; a panel reloads whenever it is shown, so it reflects the last invocation.
const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>('[role="tab"]'))
const loaders: Record<string, () => void> = {
  'tab-database': () => void loadCollections(),
  'tab-storage': () => void loadFiles(),
  'tab-outbox': () => void loadOutbox(),
}

function selectTab(tab: HTMLButtonElement): void {
  for (const t of tabs) {
    const selected = t === tab
    t.setAttribute('aria-selected', String(selected))
    t.tabIndex = selected ? 0 : -1
    byId(t.getAttribute('aria-controls') ?? '').hidden = !selected
  }
  loaders[tab.id]?.()
}

tabs.forEach((tab, i) => {
  tab.addEventListener('click', () => selectTab(tab))
  tab.addEventListener('keydown', (e) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
    if (step === 0) return
    const next = tabs[(i + step + tabs.length) % tabs.length]!
    selectTab(next)
    next.focus()
  })
})

// Function test panel.
const fnSelect = byId<HTMLSelectElement>('fn')
const eventInput = byId<HTMLTextAreaElement>('event')
const eventError = byId('event-error')
const invokeButton = byId<HTMLButtonElement>('invoke')
const resultMeta = byId('result-meta')
const resultOut = byId('result')
const logsOut = byId('logs')

/** Why the event text cannot be sent, or undefined when it is a JSON object. */
function eventProblem(text: string): string | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    return `事件不是有效的 JSON · The event is not valid JSON: ${messageOf(err)}`
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return '事件须为 JSON 对象 · The event must be a JSON object'
  return undefined
}

function showEventError(problem: string | undefined): void {
  eventError.textContent = problem ?? ''
  eventError.hidden = problem === undefined
  if (problem === undefined) eventInput.removeAttribute('aria-invalid')
  else eventInput.setAttribute('aria-invalid', 'true')
}

function setBusy(busy: boolean): void {
  invokeButton.setAttribute('aria-busy', String(busy))
  invokeButton.setAttribute('aria-disabled', String(busy))
  invokeButton.textContent = busy ? '调用中… Invoking…' : '调用 Invoke'
}

/** The log panel as the CloudBase console shows one invocation: its lines between START and END. */
function logText(out: InvokeResult): string {
  const lines = (out.logs ?? []).map((l) => `${l.at} ${l.level.toUpperCase()} ${l.text}`)
  return [`START RequestId: ${out.requestId}`, ...lines, `END RequestId: ${out.requestId}`, `Report RequestId: ${out.requestId} Duration: ${out.durationMs} ms`].join('\n')
}

async function invoke(): Promise<void> {
  if (invokeButton.getAttribute('aria-busy') === 'true') return
  const text = eventInput.value
  const problem = eventProblem(text)
  showEventError(problem)
  if (problem !== undefined) return void eventInput.focus()
  setBusy(true)
  resultMeta.className = 'meta'
  resultMeta.textContent = `调用 ${fnSelect.value} 中… Invoking ${fnSelect.value}…`
  try {
    const out = await api<InvokeResult>('/_console/api/invoke', { name: fnSelect.value, event: text })
    resultMeta.className = out.error ? 'meta failed' : 'meta ok'
    resultMeta.textContent = `${out.error ? '失败 Failed' : '成功 Succeeded'} · ${fnSelect.value} · ${out.durationMs} ms · RequestId ${out.requestId}`
    resultOut.textContent = pretty(out.error ? { errorCode: out.error.code, errorMessage: out.error.message } : out.result)
    logsOut.textContent = logText(out)
  } catch (err) {
    resultMeta.className = 'meta failed'
    resultMeta.textContent = `未能调用 Could not invoke: ${messageOf(err)}`
  } finally {
    setBusy(false)
  }
}

invokeButton.addEventListener('click', () => void invoke())
eventInput.addEventListener('input', () => {
  if (!eventError.hidden) showEventError(eventProblem(eventInput.value))
})

// Database browser (read-only).
const collectionList = byId('collections')
const docsBox = byId('docs')
const docsTitle = byId('docs-title')
const docsRange = byId('docs-range')
const docsList = byId('documents')
const docsPrev = byId<HTMLButtonElement>('docs-prev')
const docsNext = byId<HTMLButtonElement>('docs-next')
let shown: { name: string; offset: number } | undefined

async function loadCollections(): Promise<void> {
  status(collectionList, '加载中… Loading…')
  try {
    const { collections } = await api<{ collections: CollectionCount[] }>('/_console/api/collections')
    if (collections.length === 0) return status(collectionList, '没有集合 No collections')
    collectionList.replaceChildren(
      ...collections.map((c) => {
        const b = button('', () => void loadDocuments(c.name, 0).then(showDocuments), 'row')
        b.dataset.collection = c.name
        b.setAttribute('aria-pressed', String(c.name === shown?.name))
        b.append(el('span', 'name', c.name), el('span', 'count', String(c.count)))
        return el('li', '', undefined, b)
      }),
    )
    if (shown) await loadDocuments(shown.name, shown.offset)
  } catch (err) {
    status(collectionList, `加载失败 Could not load: ${messageOf(err)}`, 'error')
  }
}

/** On a phone the documents are below the list: bring their start up and move focus there. */
function showDocuments(): void {
  docsTitle.focus({ preventScroll: true })
  docsTitle.scrollIntoView({ block: 'start' })
}

async function loadDocuments(name: string, offset: number): Promise<void> {
  shown = { name, offset }
  for (const b of Array.from(collectionList.querySelectorAll<HTMLButtonElement>('button[data-collection]'))) b.setAttribute('aria-pressed', String(b.dataset.collection === name))
  docsBox.hidden = false
  docsTitle.textContent = name
  try {
    const page = await api<DocumentPage>(`/_console/api/collections/${encodeURIComponent(name)}?offset=${offset}&limit=${PAGE_SIZE}`)
    const last = page.offset + page.documents.length
    docsRange.textContent = page.total === 0 ? '空集合 Empty collection' : `${page.offset + 1}–${last} / ${page.total}`
    docsPrev.disabled = page.offset === 0
    docsNext.disabled = last >= page.total
    docsList.replaceChildren(...page.documents.map((doc) => el('li', '', undefined, el('pre', '', pretty(doc)))))
  } catch (err) {
    docsRange.textContent = ''
    status(docsList, `加载失败 Could not load: ${messageOf(err)}`, 'error')
  }
}

docsPrev.addEventListener('click', () => shown && void loadDocuments(shown.name, Math.max(0, shown.offset - PAGE_SIZE)))
docsNext.addEventListener('click', () => shown && void loadDocuments(shown.name, shown.offset + PAGE_SIZE))
byId('db-refresh').addEventListener('click', () => void loadCollections())

// Storage browser (read-only).
const fileList = byId('files')

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

async function loadFiles(): Promise<void> {
  status(fileList, '加载中… Loading…')
  try {
    const { files } = await api<{ files: StoredFileInfo[] }>('/_console/api/files')
    if (files.length === 0) return status(fileList, '没有文件 No files')
    fileList.replaceChildren(
      ...files.map((f) =>
        el('li', 'card', undefined, el('code', 'path', f.cloudPath), el('span', 'meta', `${size(f.size)} · ${f.contentType} · ${utc(f.uploadedAt)}`), el('code', 'meta', f.fileID)),
      ),
    )
  } catch (err) {
    status(fileList, `加载失败 Could not load: ${messageOf(err)}`, 'error')
  }
}

byId('files-refresh').addEventListener('click', () => void loadFiles())

// Outbox: the subscribe messages functions sent (an emulator without an outbox has none to show).
const outboxList = byId('outbox')

function field(label: string, value: string | undefined): Node[] {
  return value === undefined ? [] : [el('dt', '', label), el('dd', '', value)]
}

async function loadOutbox(): Promise<void> {
  status(outboxList, '加载中… Loading…')
  try {
    const res = await fetch('/_emulator/outbox', { headers: { accept: 'application/json' }, cache: 'no-store' })
    if (res.status === 404) return status(outboxList, '暂无消息 No messages')
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    const { messages } = (await res.json()) as { messages: OutboxMessage[] }
    if (messages.length === 0) return status(outboxList, '暂无消息 No messages')
    outboxList.replaceChildren(
      ...messages.map((m) =>
        el(
          'li',
          'card',
          undefined,
          el('code', 'path', m.templateId),
          el('span', 'meta', utc(m.at)),
          el('dl', '', undefined, ...field('接收者 To', m.touser), ...field('页面 Page', m.page), ...field('版本 State', m.miniprogramState), ...field('语言 Lang', m.lang)),
          el('pre', '', pretty(m.data)),
        ),
      ),
    )
  } catch (err) {
    status(outboxList, `加载失败 Could not load: ${messageOf(err)}`, 'error')
  }
}

byId('outbox-refresh').addEventListener('click', () => void loadOutbox())
