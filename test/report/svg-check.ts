/**
 * Minimal structural checks of SVG/HTML strings without a DOM: balanced tags, only known entities,
 * no NaN/Infinity leaking into attributes.
 */
const VOID_HTML = new Set(['meta', 'br', 'hr', 'img', 'input', 'link']);

export function assertWellFormed(markup: string, html = false): void {
  const stack: string[] = [];
  const body = markup.replace(/<!DOCTYPE[^>]*>/i, '').replace(/<style>[\s\S]*?<\/style>/g, '<style></style>');
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, close, name, , selfClose] = m;
    if (selfClose || (html && VOID_HTML.has(name!))) continue;
    if (close) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}> at ${m.index}`);
    } else stack.push(name!);
  }
  if (stack.length) throw new Error(`unclosed: ${stack.join(', ')}`);
  const stray = body.replace(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g, '');
  if (/[<>]/.test(stray)) throw new Error(`stray < or > near: ${/.{0,40}[<>].{0,40}/.exec(stray)?.[0]}`);
  const badEntity = /&(?!(amp|lt|gt|quot|#39);)/.exec(body);
  if (badEntity) throw new Error(`unescaped & near ${body.slice(badEntity.index - 20, badEntity.index + 20)}`);
  if (/="[^"]*(NaN|Infinity|undefined)[^"]*"/.test(body)) throw new Error('NaN/Infinity/undefined in an attribute');
}

export function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** All start tags of an element with a given class. */
export function withClass(svg: string, cls: string): string[] {
  return [...svg.matchAll(/<[a-z]+\b[^>]*>/g)].map((m) => m[0]).filter((t) => (attr(t, 'class') ?? '').split(' ').includes(cls));
}

/** Text content of the <text> elements inside the first <g class="..."> block with that class. */
export function textsIn(svg: string, gClass: string): string[] {
  const start = svg.indexOf(`<g class="${gClass}"`);
  if (start < 0) return [];
  const end = svg.indexOf('</g>', start);
  return [...svg.slice(start, end).matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}
