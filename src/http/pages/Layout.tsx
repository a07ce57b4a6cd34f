import type { Child } from 'hono/jsx'

const css = `
body{font-family:"PT Serif",Georgia,serif;max-width:860px;margin:2rem auto;padding:0 1rem;color:#1b1b1b;background:#fafaf7}
header{border-bottom:1px solid #ccc;margin-bottom:1.5rem}
.doc{background:#fff;border:1px solid #ddd;padding:2rem 2.5rem;white-space:pre-wrap;line-height:1.45}
.doc h2{text-align:center;font-size:1.1rem;margin:.3rem 0}
.actions{display:flex;gap:.75rem;flex-wrap:wrap;margin:1.5rem 0}
button{font:inherit;padding:.5rem 1.2rem;border-radius:4px;border:1px solid #555;background:#fff;cursor:pointer}
button.primary{background:#1f4e79;color:#fff;border-color:#1f4e79}
textarea{width:100%;min-height:5rem;font:inherit}
.notice{padding:.75rem 1rem;background:#fff6d6;border:1px solid #e5c76b;border-radius:4px}
.error{background:#fde8e8;border-color:#e08a8a}
`

export const Layout = ({ title, children }: { title: string; children: Child }) => (
  <html lang="ru">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
      <style>{css}</style>
    </head>
    <body>{children}</body>
  </html>
)
