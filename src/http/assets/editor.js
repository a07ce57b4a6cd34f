// The order editor: a plain-script form over the order content JSON (DESIGN.md, "Order content").
// The model is the content itself; every change re-renders the part it touches and schedules a
// check. Nothing here is trusted by the server: it validates and lints everything again.
;(() => {
  const data = JSON.parse(document.getElementById('order-data').textContent)
  const csrf = document.querySelector('meta[name=csrf-token]').content
  const root = document.getElementById('editor-root')
  const problemsList = document.getElementById('problems')
  const result = document.getElementById('save-result')

  const blank = () => ({ text: '', executors: [], deadline: '', points: [] })
  const model = data.content ?? {
    title: '',
    preamble: '',
    points: [blank()],
    control: 'Контроль за исполнением настоящего приказа оставляю за собой.',
    // the organization profile's kind and default signer (as a signature prints the name), when it has one
    kind: data.defaults?.kind ?? 'prikaz',
    signer: data.defaults?.signer ?? { position: '', name: '' },
    appendices: [],
  }
  model.points = model.points?.length ? model.points : [blank()]
  model.appendices = model.appendices ?? []
  model.signer = model.signer ?? { position: '', name: '' }

  let uid = 0
  const el = (tag, attrs = {}, ...children) => {
    const e = document.createElement(tag)
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue
      if (k.startsWith('on')) e.addEventListener(k.slice(2), v)
      else if (k === 'value') e.value = v
      else e.setAttribute(k, v === true ? '' : v)
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c)
    return e
  }

  /** A labelled field bound to obj[key]; `path` ties it to the server's problem paths. */
  const field = (label, obj, key, { multiline = false, path, type = 'text', onInput, hint } = {}) => {
    const id = `f${++uid}`
    const input = el(multiline ? 'textarea' : 'input', {
      id,
      type: multiline ? undefined : type,
      'data-path': path,
      value: obj[key] ?? '',
      oninput: (ev) => {
        obj[key] = ev.target.value
        onInput?.(ev.target.value)
        changed()
      },
    })
    return el('div', { class: 'field' }, el('label', { for: id }, label), input, hint ?? null, problemSlot(path))
  }
  const problemSlot = (path) => (path ? el('div', { class: 'problems', 'data-problems-for': path }) : null)

  const pointNumber = (trail) => `${trail.map((i) => i + 1).join('.')}.`

  // ---- deadlines: the parsed due date shown as you type
  const dueTimers = new WeakMap()
  const showDue = (point, out) => {
    clearTimeout(dueTimers.get(out))
    const text = (point.deadline ?? '').trim()
    if (!text) {
      out.textContent = ''
      return
    }
    dueTimers.set(
      out,
      setTimeout(async () => {
        const res = await fetch('/api/deadlines/parse', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          // no reference: the service counts from the organization's day (Moscow), not the browser's UTC date
          body: JSON.stringify({ text }),
        }).catch(() => undefined)
        if (!res?.ok) {
          out.textContent = ''
          return
        }
        const d = await res.json()
        const due = d.due ?? d.dueDate
        out.textContent = due
          ? `контрольная дата: ${due.split('-').reverse().join('.')}`
          : d.kind === 'unknown'
            ? 'срок не распознан — проверьте написание'
            : 'без контрольной даты'
      }, 350),
    )
  }

  // ---- points
  const renderPoints = (list, trail, container) => {
    container.replaceChildren(
      ...list.map((point, i) => {
        const here = [...trail, i]
        const path = `points.${here.join('.points.')}`
        const due = el('p', { class: 'due', 'aria-live': 'polite' })
        const executors = { value: (point.executors ?? []).join(', ') }
        const sub = el('div', { class: 'subpoints' })
        const node = el(
          'fieldset',
          { class: 'point' },
          el('legend', {}, `Пункт ${pointNumber(here)}`),
          field('Текст пункта', point, 'text', { multiline: true, path: `${path}.text` }),
          el(
            'div',
            { class: 'meta' },
            field('Исполнители (через запятую)', executors, 'value', {
              path: `${path}.executors`,
              onInput: (v) => {
                point.executors = v
                  .split(/[,;]/)
                  .map((s) => s.trim())
                  .filter(Boolean)
              },
            }),
            field('Срок', point, 'deadline', {
              path: `${path}.deadline`,
              onInput: () => showDue(point, due),
              hint: due,
            }),
          ),
          el(
            'div',
            { class: 'tools' },
            el(
              'button',
              { type: 'button', class: 'small', onclick: () => move(list, i, -1), disabled: i === 0 },
              '↑ Выше',
            ),
            el(
              'button',
              { type: 'button', class: 'small', onclick: () => move(list, i, 1), disabled: i === list.length - 1 },
              '↓ Ниже',
            ),
            here.length < 4
              ? el(
                  'button',
                  {
                    type: 'button',
                    class: 'small',
                    onclick: () => {
                      point.points = [...(point.points ?? []), blank()]
                      renderAll()
                    },
                  },
                  '+ Подпункт',
                )
              : null,
            el(
              'button',
              {
                type: 'button',
                class: 'small danger',
                onclick: () => {
                  list.splice(i, 1)
                  if (trail.length === 0 && list.length === 0) list.push(blank())
                  renderAll()
                },
              },
              'Удалить',
            ),
          ),
          sub,
        )
        if (point.points?.length) renderPoints(point.points, here, sub)
        showDue(point, due)
        return node
      }),
    )
  }

  const move = (list, i, by) => {
    const j = i + by
    if (j < 0 || j >= list.length) return
    ;[list[i], list[j]] = [list[j], list[i]]
    renderAll()
  }

  // ---- appendices
  const roles = [
    ['', '—'],
    ['number', '№ п/п'],
    ['activity', 'мероприятие'],
    ['deadline', 'срок'],
    ['executor', 'исполнитель'],
    ['result', 'результат'],
  ]

  /** A table pasted from a spreadsheet: tab-separated cells; a line with one filled cell is a section row. */
  const pasteRows = (appendix, text) => {
    const lines = text
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .filter((l) => l.trim() !== '')
    if (!lines.length) return
    const table = appendix.table
    const cellsOf = (line) => line.split('\t').map((c) => c.trim())
    if (!table.columns.length) {
      table.columns = cellsOf(lines.shift()).map((title) => ({ title }))
    }
    const width = table.columns.length
    for (const line of lines) {
      const cells = cellsOf(line)
      const filled = cells.filter(Boolean)
      if (width > 1 && filled.length === 1 && cells.length <= width) table.rows.push({ section: filled[0] })
      else table.rows.push({ cells: Array.from({ length: width }, (_, k) => cells[k] ?? '') })
    }
  }

  const renderTable = (appendix, ai) => {
    const table = appendix.table
    const path = `appendices.${ai}.table`
    const head = el(
      'tr',
      {},
      table.columns.map((col, ci) => {
        const id = `c${++uid}`
        const rid = `r${++uid}`
        return el(
          'th',
          { scope: 'col' },
          el('label', { for: id, class: 'sr-only' }, `Заголовок столбца ${ci + 1}`),
          el('input', {
            id,
            type: 'text',
            value: col.title,
            'data-path': `${path}.columns.${ci}.title`,
            oninput: (e) => {
              col.title = e.target.value
              changed()
            },
          }),
          el('label', { for: rid, class: 'sr-only' }, `Роль столбца ${ci + 1}`),
          el(
            'select',
            {
              id: rid,
              onchange: (e) => {
                if (e.target.value) col.role = e.target.value
                else delete col.role
                changed()
              },
            },
            roles.map(([v, label]) => el('option', { value: v, selected: (col.role ?? '') === v }, label)),
          ),
          el(
            'button',
            {
              type: 'button',
              class: 'small danger',
              onclick: () => {
                table.columns.splice(ci, 1)
                for (const r of table.rows) if (r.cells) r.cells.splice(ci, 1)
                renderAll()
              },
            },
            'Удалить столбец',
          ),
        )
      }),
      el('th', { scope: 'col' }, el('span', { class: 'sr-only' }, 'Действия')),
    )
    const body = table.rows.map((row, ri) => {
      const remove = el(
        'td',
        {},
        el(
          'button',
          {
            type: 'button',
            class: 'small danger',
            onclick: () => {
              table.rows.splice(ri, 1)
              renderAll()
            },
          },
          'Удалить',
        ),
      )
      if ('section' in row) {
        const id = `s${++uid}`
        return el(
          'tr',
          {},
          el(
            'td',
            { colspan: String(Math.max(1, table.columns.length)) },
            el('label', { for: id, class: 'sr-only' }, `Раздел, строка ${ri + 1}`),
            el('input', {
              id,
              type: 'text',
              value: row.section,
              'data-path': `${path}.rows.${ri}.section`,
              oninput: (e) => {
                row.section = e.target.value
                changed()
              },
            }),
          ),
          remove,
        )
      }
      return el(
        'tr',
        {},
        table.columns.map((col, ci) => {
          const id = `t${++uid}`
          return el(
            'td',
            {},
            el('label', { for: id, class: 'sr-only' }, `${col.title || `Столбец ${ci + 1}`}, строка ${ri + 1}`),
            el('textarea', {
              id,
              rows: '2',
              value: row.cells[ci] ?? '',
              'data-path': `${path}.rows.${ri}.cells.${ci}`,
              oninput: (e) => {
                row.cells[ci] = e.target.value
                changed()
              },
            }),
          )
        }),
        remove,
      )
    })
    const pasteId = `p${++uid}`
    return el(
      'div',
      { class: 'table-editor' },
      el('table', {}, el('thead', {}, head), el('tbody', {}, body)),
      problemSlot(path),
      el(
        'div',
        { class: 'tools actions' },
        el(
          'button',
          {
            type: 'button',
            class: 'small',
            onclick: () => {
              table.columns.push({ title: '' })
              for (const r of table.rows) if (r.cells) r.cells.push('')
              renderAll()
            },
          },
          '+ Столбец',
        ),
        el(
          'button',
          {
            type: 'button',
            class: 'small',
            onclick: () => {
              table.rows.push({ cells: table.columns.map(() => '') })
              renderAll()
            },
          },
          '+ Строка',
        ),
        el(
          'button',
          {
            type: 'button',
            class: 'small',
            onclick: () => {
              table.rows.push({ section: '' })
              renderAll()
            },
          },
          '+ Раздел',
        ),
      ),
      el('label', { for: pasteId }, 'Вставить строки из таблицы (Excel, LibreOffice): Ctrl+V в это поле'),
      el('textarea', {
        id: pasteId,
        class: 'paste',
        rows: '2',
        placeholder: 'Скопируйте ячейки таблицы и вставьте сюда',
        onpaste: (e) => {
          e.preventDefault()
          pasteRows(appendix, e.clipboardData.getData('text/plain'))
          renderAll()
        },
      }),
    )
  }

  const renderAppendices = (container) => {
    container.replaceChildren(
      ...model.appendices.map((appendix, ai) => {
        const modeId = `m${++uid}`
        const isTable = !!appendix.table
        return el(
          'fieldset',
          { class: 'card' },
          el('legend', {}, `Приложение № ${ai + 1}`),
          field('Заголовок приложения', appendix, 'title', { path: `appendices.${ai}.title` }),
          el('label', { for: modeId }, 'Содержание'),
          el(
            'select',
            {
              id: modeId,
              onchange: (e) => {
                if (e.target.value === 'table') appendix.table = appendix.table ?? { columns: [], rows: [] }
                else delete appendix.table
                renderAll()
              },
            },
            el('option', { value: 'text', selected: !isTable }, 'текст'),
            el('option', { value: 'table', selected: isTable }, 'текст и таблица'),
          ),
          field('Текст приложения', appendix, 'text', { multiline: true, path: `appendices.${ai}.text` }),
          isTable ? renderTable(appendix, ai) : null,
          el(
            'div',
            { class: 'tools' },
            el(
              'button',
              {
                type: 'button',
                class: 'small danger',
                onclick: () => {
                  model.appendices.splice(ai, 1)
                  renderAll()
                },
              },
              'Удалить приложение',
            ),
          ),
        )
      }),
    )
  }

  // ---- the whole form
  const renderAll = () => {
    const kindId = `k${++uid}`
    const templateId = `tpl${++uid}`
    const templates = data.templates.filter((t) => t.kind === model.kind)
    const points = el('div', { id: 'points' })
    const appendices = el('div', { id: 'appendices' })
    const parts = [
      el('label', { for: kindId }, 'Вид документа'),
      el(
        'select',
        {
          id: kindId,
          onchange: (e) => {
            model.kind = e.target.value
            renderAll()
          },
        },
        el('option', { value: 'prikaz', selected: model.kind === 'prikaz' }, 'приказ'),
        el('option', { value: 'rasporyazhenie', selected: model.kind === 'rasporyazhenie' }, 'распоряжение'),
      ),
      templates.length
        ? el(
            'div',
            {},
            el('label', { for: templateId }, 'Шаблон'),
            el(
              'select',
              {
                id: templateId,
                onchange: (e) => {
                  if (e.target.value) model.templateId = e.target.value
                  else delete model.templateId
                  changed()
                },
              },
              el('option', { value: '' }, 'стандартный'),
              templates.map((t) => el('option', { value: t.id, selected: model.templateId === t.id }, t.name)),
            ),
          )
        : null,
      field('Заголовок («Об утверждении …»)', model, 'title', { path: 'title', multiline: true }),
      field('Преамбула («В соответствии с …»)', model, 'preamble', { path: 'preamble', multiline: true }),
      el('h2', {}, 'Пункты'),
      points,
      el(
        'div',
        { class: 'actions' },
        el(
          'button',
          {
            type: 'button',
            onclick: () => {
              model.points.push(blank())
              renderAll()
            },
          },
          '+ Пункт',
        ),
      ),
      field('Пункт о контроле', model, 'control', { path: 'control', multiline: true }),
      el(
        'div',
        { class: 'grid2' },
        field('Должность подписывающего', model.signer, 'position', { path: 'signer.position' }),
        field('И.О. Фамилия подписывающего', model.signer, 'name', { path: 'signer.name' }),
      ),
      el('h2', {}, 'Приложения'),
      appendices,
      el(
        'div',
        { class: 'actions' },
        el(
          'button',
          {
            type: 'button',
            onclick: () => {
              model.appendices.push({ title: '', text: '' })
              renderAll()
            },
          },
          '+ Приложение',
        ),
      ),
    ]
    root.replaceChildren(...parts.filter(Boolean))
    renderPoints(model.points, [], points)
    renderAppendices(appendices)
    changed()
  }

  /** What goes to the server: empty optional parts left out, so that the schema sees what the clerk meant. */
  const payload = () => {
    const cleanPoint = (p) => {
      const out = { text: p.text }
      if (p.executors?.length) out.executors = p.executors
      if (p.deadline?.trim()) out.deadline = p.deadline.trim()
      if (p.points?.length) out.points = p.points.map(cleanPoint)
      return out
    }
    const out = {
      kind: model.kind,
      title: model.title,
      preamble: model.preamble,
      points: model.points.map(cleanPoint),
      signer: model.signer,
    }
    if (model.templateId) out.templateId = model.templateId
    if (model.directive?.trim()) out.directive = model.directive
    if (model.control?.trim()) out.control = model.control
    if (model.organization) out.organization = model.organization
    if (model.appendices.length)
      out.appendices = model.appendices.map((a) => {
        const x = { title: a.title }
        if (a.text?.trim()) x.text = a.text
        if (a.table) x.table = a.table
        return x
      })
    return out
  }

  // ---- live check
  let checkTimer
  let checkSeq = 0
  let saveTried = false
  /** Before the first save, an empty field is not yet a problem: the clerk has not got to it. */
  const worthShowing = (p) => {
    if (saveTried || (p.code !== 'invalid' && p.code !== 'incomplete')) return true
    const input = document.querySelector(`[data-path="${CSS.escape(p.path)}"]`)
    return input?.value.trim() !== ''
  }
  /** What the importer was unsure about (editor-import.js): shown beside its field until the clerk saves. */
  let doubts = []
  const showProblems = (all) => {
    const problems = [...all.filter(worthShowing), ...doubts]
    for (const slot of document.querySelectorAll('[data-problems-for]')) slot.replaceChildren()
    for (const input of document.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid')
    problemsList.replaceChildren(
      ...(problems.length
        ? problems.map((p) => el('li', {}, p.doubt && p.path ? `${p.path}: ${p.message}` : p.message))
        : [el('li', { class: 'ok' }, 'Замечаний нет.')]),
    )
    for (const p of problems) {
      // a doubt about a point or an appendix as a whole stands beside its text or its title
      let path =
        p.doubt && !document.querySelector(`[data-problems-for="${CSS.escape(p.path)}"]`) ? `${p.path}.text` : p.path
      if (
        p.doubt &&
        !document.querySelector(`[data-problems-for="${CSS.escape(path)}"]`) &&
        p.path.startsWith('appendices')
      )
        path = `${p.path}.title`
      if (!document.querySelector(`[data-problems-for="${CSS.escape(path)}"]`)) path = p.path
      while (path) {
        const slot = document.querySelector(`[data-problems-for="${CSS.escape(path)}"]`)
        const input = document.querySelector(`[data-path="${CSS.escape(path)}"]`)
        if (slot || input) {
          input?.setAttribute('aria-invalid', 'true')
          slot?.append(el('div', p.doubt ? { class: 'doubt' } : {}, p.doubt ? `Проверьте: ${p.message}` : p.message))
          break
        }
        path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : ''
      }
    }
  }
  const changed = () => {
    clearTimeout(checkTimer)
    checkTimer = setTimeout(async () => {
      const seq = ++checkSeq
      const res = await fetch('/api/orders/check', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify(payload()),
      }).catch(() => undefined)
      if (!res || seq !== checkSeq) return
      const body = await res.json().catch(() => ({}))
      if (res.ok) showProblems(body.problems ?? [])
      else showProblems((body.error?.details ?? []).map((d) => ({ path: d.path, message: d.message })))
    }, 400)
  }

  // ---- save
  document.getElementById('editor').addEventListener('submit', async (e) => {
    e.preventDefault()
    saveTried = true
    result.className = 'notice'
    result.textContent = 'Сохранение…'
    const res = await fetch(data.id ? `/api/orders/${data.id}` : '/api/orders', {
      method: data.id ? 'PUT' : 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(payload()),
    })
    const body = await res.json().catch(() => ({}))
    if (res.ok) {
      location.assign(`/orders/${body.id ?? data.id}?saved=${body.version ?? 1}`)
      return
    }
    result.className = 'notice error'
    result.textContent = body.error?.message ?? `Ошибка ${res.status}`
    showProblems((body.error?.details ?? []).map((d) => ({ path: d.path, message: d.message })))
  })

  // the imported content replaces the draft's (only on a new order: editor-import.js offers it there)
  window.orderEditor = {
    load: ({ content, doubts: found }) => {
      for (const key of Object.keys(model)) delete model[key]
      const { registration: _registration, ...rest } = content
      Object.assign(model, rest, {
        points: rest.points?.length ? rest.points : [blank()],
        appendices: rest.appendices ?? [],
      })
      doubts = found.map((d) => ({ ...d, doubt: true }))
      renderAll()
    },
  }

  renderAll()
})()
