// «Вставить текст приказа» and «Загрузить .docx» on a new order: the text or the Word file goes to
// POST /api/orders/import, and its answer fills the whole form (editor.js's orderEditor.load), with the
// importer's doubts beside their fields. Nothing is saved until the clerk saves.
;(() => {
  const box = document.getElementById('import')
  if (!box || !window.orderEditor) return
  const csrf = document.querySelector('meta[name=csrf-token]').content
  const status = document.getElementById('import-result')
  const text = document.getElementById('import-text')

  const send = async (body, type) => {
    status.className = 'notice'
    status.textContent = 'Разбор текста…'
    const res = await fetch('/api/orders/import', {
      method: 'POST',
      headers: { 'content-type': type, 'x-csrf-token': csrf },
      body,
    }).catch(() => undefined)
    const answer = res ? await res.json().catch(() => ({})) : {}
    if (!res?.ok) {
      status.className = 'notice error'
      const detail = answer.error?.details?.[0]?.message
      status.textContent = `${answer.error?.message ?? 'Сервис не ответил'}${detail ? `: ${detail}` : ''}`
      return
    }
    window.orderEditor.load(answer)
    status.className = 'notice'
    status.textContent = answer.doubts.length
      ? `Приказ заполнен. Проверьте отмеченные поля: сомнений ${answer.doubts.length}.`
      : 'Приказ заполнен. Проверьте его и сохраните.'
  }

  document.getElementById('import-paste').addEventListener('click', () => {
    if (text.value.trim() === '') {
      status.className = 'notice error'
      status.textContent = 'Вставьте текст приказа в поле выше'
      return
    }
    send(text.value, 'text/plain; charset=utf-8')
  })
  document.getElementById('import-file').addEventListener('change', (e) => {
    const file = e.target.files?.[0]
    if (file) send(file, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  })
})()
