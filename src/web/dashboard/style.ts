/** The 看板's one stylesheet: readable at 375 px (the table scrolls inside its box) and on a desktop. */
export const DASHBOARD_CSS = `
:root { --ink:#1f2329; --muted:#646a73; --line:#dee0e3; --brand:#3370ff; --bad:#d83931; --ok:#2ea121; --warn:#e6a700; }
* { box-sizing: border-box; }
body { margin:0; font-family: system-ui, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color:var(--ink); background:#f5f6f7; }
a { color: var(--brand); }
.top { display:flex; gap:12px; align-items:center; padding:10px 16px; background:#fff; border-bottom:1px solid var(--line); }
.brand { font-weight:600; text-decoration:none; color:var(--ink); margin-right:auto; }
.who { color:var(--muted); font-size:14px; }
.top form { margin:0; }
button.link { background:none; border:0; color:var(--brand); cursor:pointer; font:inherit; padding:0; }
main { max-width:1200px; margin:0 auto; padding:16px; }
h1 { font-size:20px; margin:4px 0 12px; }
h1 small { font-size:14px; color:var(--muted); font-weight:normal; margin-left:8px; }
h2 { font-size:16px; margin:20px 0 8px; }
.figures { display:grid; grid-template-columns:repeat(auto-fit, minmax(120px, 1fr)); gap:8px; margin:0; }
.figure { background:#fff; border:1px solid var(--line); border-radius:8px; padding:10px 12px; }
.figure dt { color:var(--muted); font-size:13px; }
.figure dd { margin:4px 0 0; font-size:22px; font-weight:600; }
.figure small { color:var(--muted); font-size:12px; }
.figure.bad dd { color:var(--bad); }
.charts { margin-top:12px; display:grid; grid-template-columns:repeat(auto-fit, minmax(300px, 1fr)); gap:12px; }
.chart { background:#fff; border:1px solid var(--line); border-radius:8px; padding:10px 12px; min-width:0; }
.chart h2 { margin-top:0; }
.hbars { list-style:none; margin:0; padding:0; }
.hbars li { display:grid; grid-template-columns:minmax(0, 7em) 1fr 3em; gap:8px; align-items:center; margin:4px 0; font-size:13px; }
.bar-label { overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
.bar-track { background:#eff0f1; border-radius:4px; height:12px; }
.bar { display:block; height:12px; border-radius:4px; background:var(--ok); }
.bar.bad { background:var(--bad); }
.vbars { list-style:none; display:flex; gap:6px; align-items:flex-end; height:160px; margin:0; padding:0; }
.vbars li { flex:1; display:flex; flex-direction:column; justify-content:flex-end; align-items:center; height:100%; min-width:0; font-size:12px; }
.vbar { width:70%; background:var(--bad); border-radius:3px 3px 0 0; min-height:1px; }
.vbar-label { color:var(--muted); white-space:nowrap; }
.filters { display:flex; flex-wrap:wrap; gap:8px 12px; align-items:flex-end; background:#fff; border:1px solid var(--line); border-radius:8px; padding:10px 12px; }
.filters label { display:flex; flex-direction:column; font-size:13px; color:var(--muted); gap:2px; min-width:0; }
.filters select, .filters input { font:inherit; color:var(--ink); padding:4px 6px; max-width:11em; }
.filters button { font:inherit; padding:5px 14px; background:var(--brand); color:#fff; border:0; border-radius:4px; }
.count { color:var(--muted); font-size:14px; display:flex; flex-wrap:wrap; gap:12px; align-items:center; }
.download { margin-left:auto; }
.table-wrap { overflow-x:auto; background:#fff; border:1px solid var(--line); border-radius:8px; }
.ledger { border-collapse:collapse; width:100%; font-size:14px; }
.ledger th, .ledger td { padding:7px 10px; border-bottom:1px solid var(--line); text-align:left; vertical-align:top; }
.ledger th { background:#f8f9fa; white-space:nowrap; }
.ledger td.title { min-width:12em; }
.ledger td.date { white-space:nowrap; }
.light { display:inline-block; width:10px; height:10px; border-radius:50%; margin-right:6px; vertical-align:middle; }
.light.grey { background:#bbbfc4; } .light.red { background:var(--bad); } .light.yellow { background:var(--warn); } .light.green { background:var(--ok); }
.pager { display:flex; gap:16px; justify-content:center; margin:12px 0; }
.empty { color:var(--muted); }
.notice-bar { background:#fff7e6; border:1px solid #ffd591; border-radius:6px; padding:8px 12px; }
.scroll-hint { display:none; color:var(--muted); font-size:13px; margin:4px 0; }
@media (max-width: 700px) { .scroll-hint { display:block; } }
.facts { background:#fff; border:1px solid var(--line); border-radius:8px; padding:10px 12px; margin:0; display:grid; grid-template-columns:max-content 1fr; gap:6px 12px; }
.facts dt { color:var(--muted); } .facts dd { margin:0; white-space:pre-wrap; overflow-wrap:anywhere; }
.history { background:#fff; border:1px solid var(--line); border-radius:8px; padding:10px 12px 10px 28px; }
.history li { margin:4px 0; overflow-wrap:anywhere; }
.history time { color:var(--muted); margin-right:6px; }
.notice { max-width:32em; margin:3em auto; background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px 20px; line-height:1.6; }
${Array.from({ length: 21 }, (_, i) => `.bar.w${i * 5} { width:${i * 5}%; } .vbar.h${i * 5} { height:${i * 5}%; }`).join('\n')}
`;
