/**
 * HTML for the hosted pages. Every value interpolated into {@link html} is escaped unless it is
 * itself {@link Html} (a fragment built the same way), so nothing a request carries is ever echoed
 * raw: no reflected XSS by construction.
 */
export class Html {
  constructor(public readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export const escapeHtml = (value: unknown) => String(value ?? '').replace(/[&<>"'`]/g, c => ESCAPES[c]);

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new Html(out);
}

/** Markup the sandbox wrote itself (never request data). */
export const trusted = (text: string) => new Html(text);
