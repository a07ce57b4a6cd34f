/**
 * What one order, appendix table, template and request may hold: every bound of the service in one
 * place, written in the README («Limits») and carried into OpenAPI by the schemas that use them.
 *
 * Drawn from what real orders hold: a department's order runs to a few pages with a few dozen points
 * two or three levels deep; a «дорожная карта» appendix is a table of a few hundred rows of five or six
 * columns; a long regulation (положение) attached as text runs to some 60,000 characters. The bounds sit
 * well above that and well below what stalls rendering: 300,000 characters render to PDF in about
 * a second on a 2-core machine (2–4 s in the worst shape, three single 99,000-character paragraphs);
 * 800,000 took half a minute and blocked every other request.
 */
export const LIMITS = {
  order: {
    /** characters of every text of one order together, appendices included */
    characters: 300_000,
    title: 1_000,
    preamble: 10_000,
    directive: 200,
    control: 2_000,
    /** points of every level together */
    points: 300,
    /** 1., 1.1., 1.1.1., 1.1.1.1. */
    pointDepth: 4,
    pointText: 10_000,
    executorsPerPoint: 30,
    executor: 300,
    deadline: 300,
    appendices: 20,
    signerPosition: 500,
    signerName: 200,
    requisiteLines: 10,
    requisiteLine: 500,
    place: 200,
    templateId: 100,
  },
  appendix: {
    title: 1_000,
    text: 100_000,
    /** more columns than this cannot be read on an A4 page, even a landscape one */
    columns: 15,
    columnTitle: 500,
    rows: 2_000,
    cell: 5_000,
    section: 1_000,
  },
  /**
   * years of every date the service takes or computes: four digits, so every date prints as YYYY and
   * DD.MM.YYYY, and far enough inside JavaScript's and the time zones' range that a day's shift of a due date
   * or a zone's offset stays representable (9999-12-31 in Moscow is past the last day JavaScript formats)
   */
  date: { firstYear: 1900, lastYear: 2199 },
  route: {
    /**
     * approvers of one submission, every step together: the approval sheet holds a line of 6 mm per visa and
     * is kept whole on one page under its heading, so more lines than a page holds cannot be rendered
     * (45 made pdfmake fail); `test/documents/approval-sheet-limit.test.ts` renders this many
     */
    approvers: 40,
    steps: 20,
  },
  template: {
    /** the uploaded .docx file */
    bytes: 5 * 1024 * 1024,
    /** every part unpacked together; a real template unpacks to well under 1 MB */
    unpackedBytes: 20 * 1024 * 1024,
    entryBytes: 10 * 1024 * 1024,
    entries: 500,
    /** unpacked / packed of one part; XML deflates 5–20×, a ZIP bomb 1,000× */
    compressionRatio: 200,
    name: 200,
  },
  control: {
    /** an executor's report on a control item: a page or two of text */
    report: 20_000,
    fileName: 255,
    fileType: 200,
    /** why a day of the production calendar is changed */
    calendarNote: 500,
  },
  /**
   * What an executor's report carries (issue 27): scans of signed acts, a spreadsheet of results. A file sent
   * inside the JSON body (base64) up to `inlineFileBytes`; larger ones as multipart, streamed, up to `fileBytes`.
   */
  report: {
    files: 5,
    fileBytes: 15 * 1024 * 1024,
    inlineFileBytes: 2 * 1024 * 1024,
    /** the JSON body of a report with its inline files: five of 2 MB as base64 (4/3) and the text */
    jsonBytes: 14 * 1024 * 1024,
    /** the multipart body of a report: every file at its largest and the text */
    multipartBytes: 5 * 15 * 1024 * 1024 + 256 * 1024,
    extensionReason: 2_000,
  },
  import: {
    /** a text or a .docx sent to be read into an order: a year's orders pasted at once stay well below */
    bytes: 10 * 1024 * 1024,
    /** bodies larger than this are read on a worker thread, so that the event loop answers meanwhile */
    inlineBytes: 64 * 1024,
  },
  request: {
    /** a JSON body: the largest order with room for its JSON punctuation (Cyrillic is 2 bytes in UTF-8) */
    jsonBytes: 2 * 1024 * 1024,
    /** a PDF sent to be verified: a signed order with its appendices, scanned pages among them */
    pdfBytes: 32 * 1024 * 1024,
    /** a CA certificate, a CRL, or the official XML list of accredited CAs (about 10 MB in 2026, growing) */
    trustedListBytes: 40 * 1024 * 1024,
    /** a multipart body: a template and its form fields */
    multipartBytes: 5 * 1024 * 1024 + 64 * 1024,
    /** nesting of arrays and objects in any JSON body (an order at its deepest point needs 12) */
    jsonDepth: 32,
    /** a short free text: a comment, a reason */
    comment: 5_000,
    query: 500,
    /** events of an order's history in one page */
    historyPage: 500,
    name: 200,
    position: 500,
    email: 320,
    password: 200,
  },
} as const
