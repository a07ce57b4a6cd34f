// The link page's decisions: approve, return with a comment, sign. The service decides for the link's
// person only: signed in (the session cookie, with the page's CSRF token) or with the code from the letter.
;(() => {
  const box = document.getElementById('decision')
  if (!box) return
  const token = box.dataset.token
  const csrf = box.dataset.csrf ? { 'x-csrf-token': box.dataset.csrf } : {}
  const out = document.getElementById('result')
  const decide = async (action) => {
    const comment = document.getElementById('comment')?.value.trim() || undefined
    const code = document.getElementById('code')?.value.trim() || undefined
    const body = { ...(comment ? { comment } : {}), ...(code ? { code } : {}) }
    for (const b of box.querySelectorAll('button')) b.disabled = true
    const res = await fetch(`/api/links/${encodeURIComponent(token)}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...csrf },
      body: JSON.stringify(body),
    })
    const answer = await res.json().catch(() => ({}))
    out.hidden = false
    out.className = res.ok ? 'notice ok' : 'notice error'
    out.textContent = res.ok
      ? `Решение принято. Состояние приказа: ${answer.statusLabel ?? answer.status}`
      : (answer.error?.message ?? `Ошибка ${res.status}`)
    if (!res.ok) for (const b of box.querySelectorAll('button')) b.disabled = false
  }
  const getCode = document.getElementById('get-code')
  getCode?.addEventListener('click', async () => {
    getCode.disabled = true
    const res = await fetch(`/api/links/${encodeURIComponent(token)}/code`, { method: 'POST', headers: csrf })
    const answer = await res.json().catch(() => ({}))
    out.hidden = false
    out.className = res.ok ? 'notice ok' : 'notice error'
    out.textContent = res.ok
      ? `Код отправлен на ${answer.sentTo}. Введите его и примите решение.`
      : (answer.error?.message ?? `Ошибка ${res.status}`)
    getCode.disabled = false
    if (res.ok) document.getElementById('code')?.focus()
  })
  // a qualified signature made outside: the .sig file's bytes as the body, told apart by the service
  const qualified = document.getElementById('sign-qualified')
  qualified?.addEventListener('click', async () => {
    const file = document.getElementById('qualified-sig')?.files?.[0]
    out.hidden = false
    if (!file) {
      out.className = 'notice error'
      out.textContent = 'Выберите файл подписи (.sig)'
      return
    }
    qualified.disabled = true
    const res = await fetch(`/api/links/${encodeURIComponent(token)}/sign-qualified`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...csrf },
      body: await file.arrayBuffer(),
    })
    const answer = await res.json().catch(() => ({}))
    out.className = res.ok ? 'notice ok' : 'notice error'
    out.textContent = res.ok
      ? `Подписано КЭП. Состояние приказа: ${answer.statusLabel ?? answer.status}`
      : (answer.error?.message ?? `Ошибка ${res.status}`)
    qualified.disabled = false
  })
  for (const b of box.querySelectorAll('button[data-action]'))
    b.addEventListener('click', () => decide(b.dataset.action))
})()
