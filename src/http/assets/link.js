// The link page's decisions: approve, return with a comment, sign (after a confirmation). The service decides for
// the link's person only: signed in (the session cookie, with the page's CSRF token) or with the code from the letter.
;(() => {
  const box = document.getElementById('decision')
  if (!box) return
  const token = box.dataset.token
  const csrf = box.dataset.csrf ? { 'x-csrf-token': box.dataset.csrf } : {}
  const out = document.getElementById('result')
  const state = document.getElementById('state')
  const comment = document.getElementById('comment')
  const commentError = document.getElementById('comment-error')
  // the order's states in words, as the order page names them
  const stateNames = {
    draft: 'возвращён на доработку',
    approval: 'на согласовании',
    signature: 'на подписании',
    signed: 'подписан',
    registered: 'зарегистрирован',
    cancelled: 'отменён',
  }
  const done = {
    approve: 'Вы согласовали документ.',
    return: 'Вы вернули документ на доработку.',
    sign: 'Вы подписали документ.',
  }
  const showCommentError = (text) => {
    commentError.textContent = text
    commentError.hidden = !text
    if (text) comment.setAttribute('aria-invalid', 'true')
    else comment.removeAttribute('aria-invalid')
  }
  const decide = async (action) => {
    const text = comment?.value.trim() || undefined
    // a return needs its comment: said where it is typed, before anything is sent
    if (action === 'return' && !text) {
      showCommentError('Напишите, что исправить: без комментария документ не вернуть.')
      comment.focus()
      return
    }
    showCommentError('')
    const code = document.getElementById('code')?.value.trim() || undefined
    const body = { ...(text ? { comment: text } : {}), ...(code ? { code } : {}) }
    for (const b of box.querySelectorAll('button')) b.disabled = true
    const res = await fetch(`/api/links/${encodeURIComponent(token)}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...csrf },
      body: JSON.stringify(body),
    })
    const answer = await res.json().catch(() => ({}))
    if (res.ok) {
      const message = `${done[action]} Состояние приказа: ${stateNames[answer.status] ?? answer.status}.`
      state.textContent = message
      state.className = 'notice ok'
      box.hidden = true
      out.hidden = false
      out.className = 'notice ok'
      out.textContent = message
      state.scrollIntoView({ block: 'start' })
      return
    }
    const problem = answer.error?.message ?? `Ошибка ${res.status}`
    if (action === 'return' && res.status === 422) showCommentError(problem)
    out.hidden = false
    out.className = 'notice error'
    out.textContent = problem
    for (const b of box.querySelectorAll('button')) b.disabled = false
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
  // signing asks once more: the button opens the confirmation, whose own button signs
  for (const b of box.querySelectorAll('button[data-confirm]'))
    b.addEventListener('click', () => {
      const confirm = document.getElementById(b.dataset.confirm)
      confirm.hidden = false
      b.hidden = true
      confirm.querySelector('button[data-action]')?.focus()
    })
  for (const b of box.querySelectorAll('button[data-cancel]'))
    b.addEventListener('click', () => {
      document.getElementById(b.dataset.cancel).hidden = true
      const opener = box.querySelector(`button[data-confirm="${b.dataset.cancel}"]`)
      opener.hidden = false
      opener.focus()
    })
})()
