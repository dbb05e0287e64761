/// The report's stylesheet: inline, readable on screen, clean on paper.
enum ReportStyle {
    static let css = """
    :root { --ink: #1d1d1f; --muted: #5f6368; --rule: #e3e3e3; --accent: #0072B2; }
    * { box-sizing: border-box; }
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; background: #fafafa; line-height: 1.45; }
    main { max-width: 980px; margin: 0 auto; padding: 32px 28px 64px; background: #fff; }
    h1 { font-size: 28px; margin: 0 0 4px; }
    h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
    h3 { font-size: 14px; margin: 14px 0 4px; }
    p.meta, p.note { color: var(--muted); font-size: 13px; margin: 4px 0 12px; }
    .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 14px 0; }
    .card { border: 1px solid var(--rule); border-radius: 8px; padding: 12px 14px; }
    .card .value { font-size: 26px; font-weight: 650; }
    .card .label { font-size: 12px; color: var(--muted); }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 4px 10px; }
    .grid figure { margin: 0; }
    .grid figcaption { margin: 0 0 2px; font-weight: 600; color: var(--ink); }
    figure { margin: 8px 0; }
    figcaption { font-size: 12px; color: var(--muted); }
    table { border-collapse: collapse; font-size: 12px; margin: 8px 0; width: 100%; }
    th, td { text-align: right; padding: 3px 6px; border-bottom: 1px solid var(--rule); white-space: nowrap; }
    td:first-child { white-space: normal; }
    th:first-child, td:first-child { text-align: left; }
    thead th { font-weight: 600; border-bottom: 1px solid #999; }
    td.suppressed { color: var(--muted); font-style: italic; }
    section { page-break-inside: avoid; break-inside: avoid; }
    @media print {
      body { background: #fff; }
      main { padding: 0; max-width: none; }
      h2 { break-after: avoid; }
      .grid figure { break-inside: avoid; }
    }
    """
}
