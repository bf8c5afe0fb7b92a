import { WEB_ROUTES } from "../routes.ts";
import { html, SafeHtml } from "./html.ts";

const STYLE = `
:root{color-scheme:light dark;--bg:#f6f6f7;--card:#fff;--fg:#111113;--muted:#6b6b76;--line:#e5e5ea;--accent:#0062ff;--accent-fg:#fff;--soft:#f1f1f4;--danger:#d92d20;--badge:#fff4d6;--badge-fg:#7a5200}
@media (prefers-color-scheme:dark){:root{--bg:#0b0b0d;--card:#151518;--fg:#f4f4f5;--muted:#9b9ba6;--line:#2a2a30;--accent:#3b82ff;--soft:#1d1d22;--danger:#f97066;--badge:#3a2c07;--badge-fg:#ffd77a}}
*{box-sizing:border-box}
html,body{margin:0;min-height:100%}
body{background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;display:flex;flex-direction:column;align-items:center;padding:48px 16px}
main{width:100%;max-width:420px}
.brand{display:flex;align-items:center;justify-content:center;gap:10px;margin-bottom:20px;font-weight:600;font-size:17px}
.logo{width:32px;height:32px;border-radius:50%;background:var(--fg);color:var(--bg);display:grid;place-items:center;font-weight:700}
.badge{display:block;text-align:center;margin:0 auto 20px;padding:6px 12px;border-radius:999px;background:var(--badge);color:var(--badge-fg);font-size:12px;font-weight:600;width:max-content;max-width:100%}
.card{background:var(--card);border:1px solid var(--line);border-radius:20px;padding:28px;box-shadow:0 1px 2px rgba(0,0,0,.04)}
h1{font-size:20px;line-height:1.3;margin:0 0 6px;text-align:center}
p.lead{color:var(--muted);margin:0 0 22px;text-align:center}
ul.list{list-style:none;margin:0 0 22px;padding:0;border:1px solid var(--line);border-radius:14px;overflow:hidden}
ul.list li{display:flex;align-items:center;gap:12px;padding:12px 14px;border-top:1px solid var(--line)}
ul.list li:first-child{border-top:0}
.avatar{flex:none;width:36px;height:36px;border-radius:50%;background:var(--soft);display:grid;place-items:center;font-weight:600;font-size:13px}
.who{flex:1;min-width:0}
.who strong{display:block;font-weight:600}
.who span,.muted{color:var(--muted);font-size:13px}
.check{flex:none;color:var(--accent);font-weight:700}
ul.accounts li{flex-wrap:wrap}
ul.accounts form{flex-basis:100%}
ul.accounts button{width:100%}
form.load-users{display:grid;grid-template-columns:1fr auto;gap:8px 10px;align-items:center}
form.load-users label{grid-column:1/-1;margin:0}
select{font:inherit;padding:9px 10px;border-radius:10px;border:1px solid var(--line);background:var(--card);color:var(--fg);min-width:0}
button{font:inherit;font-weight:600;border-radius:10px;padding:10px 16px;border:1px solid transparent;cursor:pointer}
button.primary{background:var(--accent);color:var(--accent-fg)}
button.secondary{background:var(--soft);color:var(--fg);border-color:var(--line)}
button:focus-visible,input:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.actions{display:grid;grid-template-columns:1fr 1fr;gap:10px}
.section-title{font-size:13px;font-weight:600;color:var(--muted);margin:0 0 8px;text-transform:uppercase;letter-spacing:.04em}
label.org{display:flex;align-items:center;gap:12px;flex:1;cursor:pointer;font-weight:600}
input[type=radio],input[type=checkbox]{width:18px;height:18px;accent-color:var(--accent)}
.error{border:1px solid var(--danger);color:var(--danger);border-radius:12px;padding:10px 12px;margin-bottom:18px;font-size:14px}
footer{margin-top:22px;color:var(--muted);font-size:12px;text-align:center}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--soft);padding:1px 5px;border-radius:6px}
`;

export function layout(title: string, body: SafeHtml): string {
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" type="image/svg+xml" href="${WEB_ROUTES.favicon}">
<title>${title} · Polar emulator</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<main>
<div class="brand"><span class="logo" aria-hidden="true">P</span><span>Polar</span></div>
<p class="badge" role="note">Polar emulator — local development</p>
${body}
<footer>Local stand-in for polar.sh. No real accounts, no passwords, nothing leaves this machine.</footer>
</main>
</body>
</html>`}`;
}
