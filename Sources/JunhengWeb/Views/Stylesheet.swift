/// The one stylesheet, inlined in every page so a printed or saved page is self-contained.
enum Stylesheet {
    static let css = """
    :root{--ok:#1a7f37;--warn:#b26b00;--bad:#c62828;--ink:#1f2328;--muted:#59636e;--line:#d0d7de;--bg:#f6f8fa}
    *{box-sizing:border-box}
    body{margin:0;font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);line-height:1.5}
    .site-header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;padding:.6rem 1rem;background:#0b3d91;color:#fff}
    .site-header a,.site-header .who{color:#fff;margin-right:1rem;text-decoration:none}
    .site-header nav{display:flex;flex-wrap:wrap;align-items:center}
    .brand{font-weight:700;font-size:1.15rem}
    form.inline{display:inline;margin-right:1rem}
    main{max-width:1200px;margin:0 auto;padding:1rem}
    h1{font-size:1.5rem;margin:.5rem 0} h2{font-size:1.2rem;margin-top:1.5rem;border-bottom:1px solid var(--line)}
    table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}
    th,td{border:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top}
    .nowrap{white-space:nowrap}
    th{background:var(--bg)} td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    .scroll{overflow-x:auto}
    .pass{color:var(--ok);font-weight:700} .fail{color:var(--bad);font-weight:700}
    .cell-met{background:#dafbe1} .cell-floor{background:#fff1c2} .cell-below{background:#ffd7d5} .cell-none{background:#eee}
    .cards{display:flex;flex-wrap:wrap;gap:1rem} .card{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;min-width:14rem;flex:1}
    .card .verdict{font-size:1.3rem}
    .actions a,.actions button{margin-right:.75rem}
    .muted{color:var(--muted);font-size:.85rem}
    .errors li{color:var(--bad)} .notice{background:#ddf4ff;border:1px solid #54aeff;padding:.5rem 1rem;border-radius:6px}
    .error-box{background:#ffebe9;border:1px solid #ff8182;padding:.5rem 1rem;border-radius:6px}
    label{display:block;margin:.5rem 0 .2rem} input,select,button{font:inherit;padding:.3rem .5rem}
    svg{max-width:100%;height:auto} svg text{font-family:inherit}
    .tt-sending{background:#ddf4ff;margin:1px 0} .tt-receiving{background:#dafbe1;margin:1px 0} .tt-lesson{color:var(--muted);font-size:.8rem}
    table.timetable td{min-width:7rem;font-size:.8rem}
    .site-footer{color:var(--muted);font-size:.8rem;text-align:center;padding:1rem}
    @media (max-width:700px){th,td{padding:.2rem;font-size:.8rem}}
    .survey-phone{max-width:36rem;margin:0 auto;font-size:1.1rem;line-height:1.5}
    .survey-item{border:1px solid var(--line);border-radius:8px;margin:1rem 0;padding:.5rem .75rem}
    .survey-item legend{font-weight:600;padding:0 .25rem}
    .survey-option{display:flex;align-items:center;gap:.75rem;min-height:3rem;margin:.25rem 0;padding:.25rem .5rem;border-radius:6px;background:var(--bg)}
    .survey-option input{width:1.6rem;height:1.6rem;margin:0}
    button.big{display:block;width:100%;min-height:3.2rem;font-size:1.2rem;margin:1rem 0}
    .survey-phone input[type=text]{width:100%;font-size:1.3rem;min-height:3rem;letter-spacing:.1em}
    .ok{color:var(--ok);font-weight:700}
    .slips{display:grid;grid-template-columns:1fr 1fr;gap:6mm}
    .slip{border:1px dashed #888;padding:4mm;break-inside:avoid;font-size:10pt} .slip p{margin:1mm 0}
    .slip .qr{width:32mm;height:32mm;display:block} .slip-title{font-weight:700} .slip-code{font-size:13pt;font-family:monospace}
    .explain{color:var(--warn);font-weight:700} .pending{color:var(--muted)} tr.total td{font-weight:700;border-top:2px solid var(--ink)}
    .fund-nav a{margin-right:1rem} svg.money-trend,svg.money-bars{max-width:820px;display:block} .stages{letter-spacing:.15em;color:var(--ok)} .stages .todo{color:var(--line)}
    @page{size:A4;margin:15mm 12mm}
    @media print{.no-print,.site-header,.actions,form{display:none!important} main{max-width:none;padding:0}
      body{font-size:10.5pt} h2{break-after:avoid} table{page-break-inside:auto} tr{break-inside:avoid}
      a{color:inherit;text-decoration:none} .scroll{overflow:visible}}
    """
}
