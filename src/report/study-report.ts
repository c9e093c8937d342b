import { SonoriskError } from '../errors.js';
import { VERSION } from '../version.js';
import { escapeMarkdown, escapeXml } from './escape.js';
import type { Table } from './table.js';
import { toHtml } from './table-html.js';
import { toMarkdown } from './table-markdown.js';

/** A figure for the report: an SVG string (e.g. from `rocFigure`) with a file stem and a caption. */
export interface ReportFigure {
  /** File stem for the Markdown bundle (`figures/<id>.svg`): lower-case letters, digits, `-`. */
  id: string;
  caption: string;
  svg: string;
}

/** A report section: heading, then paragraphs (plain text), tables and figures in that order. */
export interface ReportSection {
  heading: string;
  paragraphs?: readonly string[];
  tables?: readonly Table[];
  figures?: readonly ReportFigure[];
}

/**
 * Input to {@link studyReport}. All text is plain text and is escaped; nothing in the input can
 * inject markup except the figures' SVG, which must be a single `<svg>` element without scripts,
 * event handlers or `<foreignObject>`.
 *
 * @example
 * ```ts
 * const input: StudyReportInput = {
 *   title: 'Early recurrence of HCC after RFA: model evaluation',
 *   note: 'For research use. Not validated for clinical decisions.',
 *   sections: [{ heading: 'Discrimination', tables: [perfTable], figures: [{ id: 'roc', caption: 'ROC curves, validation set', svg }] }],
 *   methods: ['AUC 95% CI by the DeLong method.'],
 *   software: [{ name: 'R pROC', version: '1.18.5' }],
 *   generatedAt: '2026-11-28',
 * };
 * ```
 */
export interface StudyReportInput {
  title: string;
  /**
   * A notice shown in a box under the title and in the footer, e.g. "Demonstration only — not for
   * clinical use" (what `sonorisk demo` and demonstration models print). None unless given.
   */
  banner?: string;
  /** A short line under the title and in the footer; default {@link DEFAULT_NOTE}. */
  note?: string;
  subtitle?: string;
  sections: readonly ReportSection[];
  /** Method notes, one paragraph each, printed under "Methods". */
  methods?: readonly string[];
  /** Software versions; sonorisk's own version is always listed first. */
  software?: readonly { name: string; version: string }[];
  /** Date or timestamp text to print (the report never reads the clock, so output stays deterministic). */
  generatedAt?: string;
}

/** The output of {@link studyReport}. */
export interface StudyReport {
  /** One self-contained HTML page (inline CSS and SVG, no external resources). */
  html: string;
  /** The same content as Markdown, referencing `figures/<id>.svg`. */
  markdown: string;
  /** Every file of the bundle by relative path: `report.html`, `report.md`, `figures/<id>.svg`. */
  files: Record<string, string>;
}

/**
 * The short note printed under the title when the caller gives none.
 *
 * @example
 * ```ts
 * studyReport({ title: 't', sections }).html.includes(DEFAULT_NOTE); // true
 * ```
 */
export const DEFAULT_NOTE = 'For research use. Not validated for clinical decisions.';

const CSS = `
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:#1a1a1a;max-width:76rem;margin:2rem auto;padding:0 1.25rem;line-height:1.5}
h1{font-size:1.7rem;margin-bottom:.25rem}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.subtitle{color:#555;margin-top:0}
.note{color:#555;font-size:.9rem;margin-top:.2rem}
.banner{border:2px solid #D55E00;background:#fff4ec;padding:.6rem .9rem;border-radius:4px;font-weight:600}
table.sonorisk-table{border-collapse:collapse;margin:1.2rem 0;font-size:.85rem;font-variant-numeric:tabular-nums;width:100%}
table.sonorisk-table caption{caption-side:top;text-align:left;font-weight:600;padding-bottom:.4rem}
table.sonorisk-table thead th{text-align:left;border-top:2px solid #222;border-bottom:1px solid #222;padding:.3rem .5rem;vertical-align:bottom}
table.sonorisk-table tbody th{font-weight:normal;text-align:left}
table.sonorisk-table td,table.sonorisk-table tbody th{padding:.22rem .5rem}
table.sonorisk-table tbody th{white-space:nowrap}
.table-wrap{overflow-x:auto}
table.sonorisk-table tfoot td{font-size:.8rem;color:#444;padding:.15rem .5rem;text-align:left;white-space:normal}
table.sonorisk-table tbody tr:last-child td,table.sonorisk-table tbody tr:last-child th{border-bottom:2px solid #222}
figure{margin:1.5rem 0}figure svg{max-width:100%;height:auto;display:block}
figcaption{font-size:.9rem;color:#333;margin-top:.4rem}
.figures{display:flex;flex-wrap:wrap;gap:1rem 2rem}
footer{margin-top:3rem;border-top:1px solid #ddd;padding-top:.6rem;font-size:.85rem;color:#555}
`.trim();

function checkSvg(svg: unknown, where: string): string {
  if (typeof svg !== 'string') throw new SonoriskError('INVALID_ARGUMENT', `${where}: svg must be a string.`);
  const s = svg.trim();
  if (!s.startsWith('<svg') || !s.endsWith('</svg>')) throw new SonoriskError('INVALID_ARGUMENT', `${where}: svg must be one <svg>…</svg> element (as the figure functions return).`);
  if (/<script|<foreignObject|\son[a-z]+\s*=|javascript:/i.test(s)) {
    throw new SonoriskError('INVALID_ARGUMENT', `${where}: svg contains scripts, event handlers or foreignObject, which a report page will not embed.`);
  }
  return s;
}

function text(v: unknown, where: string, allowEmpty = false): string {
  if (typeof v !== 'string' || (!allowEmpty && v.trim() === '')) throw new SonoriskError('INVALID_ARGUMENT', `${where} must be a non-empty string.`);
  return v;
}

/**
 * Assembles a study report from tables (see `baselineTable`, `performanceTable`, …) and SVG
 * figures: one self-contained HTML page and the same content as Markdown with the SVG files
 * beside it. Figures are numbered in order ("Figure 1."); tables keep their captions. A
 * short note ("for research use" by default) and, when given, a boxed banner (e.g. demonstration
 * only) sit under the title and in the footer; method notes and software versions follow the results. Pure: no
 * clock, no file system — write `files` wherever you like (see `sonorisk/node`).
 *
 * @example
 * ```ts
 * const { html, files } = studyReport(input); // see StudyReportInput
 * // files['report.html'], files['report.md'], files['figures/roc.svg']
 * ```
 */
export function studyReport(input: StudyReportInput): StudyReport {
  if (typeof input !== 'object' || input === null) throw new SonoriskError('INVALID_ARGUMENT', 'studyReport expects { title, sections, ... }.');
  const title = text(input.title, 'title');
  const banner = input.banner === undefined ? undefined : text(input.banner, 'banner');
  const note = input.note === undefined ? DEFAULT_NOTE : text(input.note, 'note');
  if (!Array.isArray(input.sections) || input.sections.length === 0) throw new SonoriskError('EMPTY_INPUT', 'studyReport needs at least one section.');
  const software = [{ name: 'sonorisk', version: VERSION }, ...(input.software ?? [])];
  software.forEach((s, i) => {
    text(s?.name, `software[${i}].name`);
    text(s?.version, `software[${i}].version`);
  });
  const files: Record<string, string> = {};
  const html: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="sonorisk ${escapeXml(VERSION)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeXml(title)}</h1>`,
  ];
  const md: string[] = [`# ${escapeMarkdown(title)}`, ''];
  if (input.subtitle !== undefined) {
    html.push(`<p class="subtitle">${escapeXml(text(input.subtitle, 'subtitle'))}</p>`);
    md.push(`*${escapeMarkdown(input.subtitle)}*`, '');
  }
  html.push(`<p class="note">${escapeXml(note)}</p>`);
  md.push(`*${escapeMarkdown(note)}*`, '');
  if (banner !== undefined) {
    html.push(`<p class="banner" role="note">${escapeXml(banner)}</p>`);
    md.push(`> **${escapeMarkdown(banner)}**`, '');
  }
  html.push('</header>', '<main>');
  let figureNo = 0;
  input.sections.forEach((sec, si) => {
    const where = `sections[${si}]`;
    const heading = text(sec?.heading, `${where}.heading`);
    html.push('<section>', `<h2>${escapeXml(heading)}</h2>`);
    md.push(`## ${escapeMarkdown(heading)}`, '');
    for (const [pi, p] of (sec.paragraphs ?? []).entries()) {
      html.push(`<p>${escapeXml(text(p, `${where}.paragraphs[${pi}]`))}</p>`);
      md.push(escapeMarkdown(p), '');
    }
    for (const t of sec.tables ?? []) {
      html.push('<div class="table-wrap">', toHtml(t).trimEnd(), '</div>');
      md.push(toMarkdown(t));
    }
    const figs: readonly ReportFigure[] = sec.figures ?? [];
    if (figs.length) html.push('<div class="figures">');
    figs.forEach((fig, fi) => {
      const fw = `${where}.figures[${fi}]`;
      const id = text(fig?.id, `${fw}.id`);
      if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) throw new SonoriskError('INVALID_ARGUMENT', `${fw}.id "${id}" must be lower-case letters, digits and '-' (it becomes a file name).`);
      const path = `figures/${id}.svg`;
      if (path in files) throw new SonoriskError('INVALID_ARGUMENT', `Two figures share the id "${id}".`);
      const svg = checkSvg(fig.svg, fw);
      const caption = `Figure ${++figureNo}. ${text(fig.caption, `${fw}.caption`)}`;
      files[path] = svg + '\n';
      const width = /^<svg[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1];
      html.push(`<figure id="fig-${id}"${width ? ` style="max-width:${width}px"` : ''}>`, svg, `<figcaption>${escapeXml(caption)}</figcaption>`, '</figure>');
      md.push(`![${escapeMarkdown(caption)}](${path})`, '', `*${escapeMarkdown(caption)}*`, '');
    });
    if (figs.length) html.push('</div>');
    html.push('</section>');
  });
  if (input.methods?.length) {
    html.push('<section>', '<h2>Methods</h2>');
    md.push('## Methods', '');
    input.methods.forEach((m, i) => {
      html.push(`<p>${escapeXml(text(m, `methods[${i}]`))}</p>`);
      md.push(escapeMarkdown(m), '');
    });
    html.push('</section>');
  }
  html.push('<section>', '<h2>Software</h2>', '<ul>');
  md.push('## Software', '');
  for (const s of software) {
    html.push(`<li>${escapeXml(s.name)} ${escapeXml(s.version)}</li>`);
    md.push(`- ${escapeMarkdown(s.name)} ${escapeMarkdown(s.version)}`);
  }
  html.push('</ul>', '</section>', '</main>');
  md.push('');
  const generated = input.generatedAt === undefined ? '' : ` Generated ${text(input.generatedAt, 'generatedAt')}.`;
  const footer = `${banner !== undefined ? `${banner} ` : ''}${note}${generated}`;
  html.push(`<footer><p>${escapeXml(footer)} Produced with sonorisk ${escapeXml(VERSION)}.</p></footer>`, '</body>', '</html>', '');
  md.push('---', '', `${escapeMarkdown(footer)} Produced with sonorisk ${escapeMarkdown(VERSION)}.`, '');
  const out: StudyReport = { html: html.join('\n'), markdown: md.join('\n'), files };
  files['report.html'] = out.html;
  files['report.md'] = out.markdown;
  return out;
}
