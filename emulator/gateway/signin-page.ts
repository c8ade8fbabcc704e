/** The fictional identities offered on the dev sign-in page. */
export const TEST_IDENTITIES: ReadonlyArray<{ openid: string; zh: string; en: string }> = [
  { openid: 'o_test_user_1', zh: '测试用户 1', en: 'Test user 1' },
  { openid: 'o_test_user_2', zh: '测试用户 2', en: 'Test user 2' },
  { openid: 'o_test_merchant_1', zh: '测试商家 1', en: 'Test merchant 1' },
]

export interface SignInPage {
  /** The openid signed in now, if any. */
  current?: string
  /** Same-origin path to return to after signing in. */
  returnTo: string
  error?: string
}

/** A self-contained (no scripts, inline CSS) bilingual page that works on a phone screen. */
export function renderSignInPage(page: SignInPage): string {
  const returnField = `<input type="hidden" name="return" value="${escapeHtml(page.returnTo)}">`
  const choices = TEST_IDENTITIES.map(
    (id) => `<button class="id" type="submit" name="openid" value="${id.openid}"><span>${id.zh} · ${id.en}</span><code>${id.openid}</code></button>`,
  ).join('\n')
  const status = page.current
    ? `<p class="status">当前身份 Signed in as <code>${escapeHtml(page.current)}</code></p>
<form method="post" action="/gateway/signout">${returnField}<button class="secondary" type="submit">退出 Sign out</button></form>`
    : '<p class="status">尚未登录 Not signed in</p>'
  const error = page.error ? `<p class="error" role="alert">${escapeHtml(page.error)}</p>` : ''
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>开发登录 · Dev sign-in</title>
<style>
  body { font: 16px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; padding: 16px; background: #f6f7f9; color: #1f2329; }
  main { max-width: 420px; margin: 0 auto; }
  h1 { font-size: 20px; margin: 8px 0 4px; }
  .note { color: #646a73; font-size: 14px; margin: 0 0 16px; }
  .status { background: #fff; border-radius: 8px; padding: 12px; margin: 0 0 12px; }
  .error { background: #fdecec; color: #a61d24; border-radius: 8px; padding: 12px; }
  form { margin: 0 0 12px; }
  button, input { font: inherit; box-sizing: border-box; width: 100%; min-height: 48px; border-radius: 8px; }
  button { border: 0; background: #07c160; color: #fff; cursor: pointer; }
  button.id { display: flex; flex-direction: column; align-items: flex-start; gap: 2px; padding: 10px 14px; margin: 0 0 8px; background: #fff; color: #1f2329; border: 1px solid #dee0e3; }
  button.secondary { background: #fff; color: #1f2329; border: 1px solid #dee0e3; }
  input { border: 1px solid #dee0e3; padding: 0 12px; margin: 4px 0 8px; }
  code { font-size: 13px; color: #646a73; }
  label { font-size: 14px; }
</style>
</head>
<body>
<main>
<h1>开发登录 · Dev sign-in</h1>
<p class="note">仅用于本地开发，选择一个测试身份。Local development only: pick a test identity.</p>
${error}
${status}
<form method="post" action="/gateway/signin">
${returnField}
${choices}
</form>
<form method="post" action="/gateway/signin">
${returnField}
<label for="openid">其他测试身份 Another test id</label>
<input id="openid" name="openid" required pattern="o_test_[A-Za-z0-9_]{1,40}" placeholder="o_test_…" autocomplete="off" autocapitalize="off" spellcheck="false">
<button type="submit">登录 Sign in</button>
</form>
</main>
</body>
</html>
`
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
