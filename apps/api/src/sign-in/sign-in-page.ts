/** A plain page (no script, no style: the API's strict CSP applies) telling the person what happened. */
export function signInPage(title: string, message: string): string {
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>' + escapeHtml(title) + ' – Remediation tracker</title></head>',
    '<body><main>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p id="sign-in-message" role="alert">${escapeHtml(message)}</p>`,
    '<p><a href="/">Back to the dashboard</a></p>',
    '</main></body></html>',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
