// Printing from a page (the CSP allows no inline script): a button with data-print-frame prints the file in that
// frame (the browser's PDF viewer), or opens it to print where the frame cannot; data-print-page prints the page.
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-print-frame], [data-print-page]') : null
  if (!button) return
  if (button.hasAttribute('data-print-page')) {
    window.print()
    return
  }
  const frame = document.getElementById(button.getAttribute('data-print-frame'))
  try {
    frame.contentWindow.focus()
    frame.contentWindow.print()
  } catch {
    window.open(frame.src, '_blank', 'noopener')
  }
})
