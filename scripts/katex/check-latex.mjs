// Parses every math fragment ($$…$$ blocks and $…$ spans) of the given Markdown files with KaTeX,
// failing on the first that does not parse. Usage: node check-latex.mjs file.md…
// With --html out.html, also renders the first file to a page (headings, paragraphs, math) for a screenshot.
import fs from 'node:fs';
import katex from 'katex';

const args = process.argv.slice(2);
const htmlAt = args.indexOf('--html');
const htmlOut = htmlAt >= 0 ? args.splice(htmlAt, 2)[1] : null;
if (args.length === 0) {
  console.error('no Markdown files given (run the Maven tests first: they write target/explain/*.md)');
  process.exit(2);
}

function render(latex, displayMode) {
  return katex.renderToString(latex, { displayMode, throwOnError: true, strict: 'error' });
}

function toHtml(markdown) {
  const parts = markdown.split('$$');
  let html = '';
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      html += `<div class="display">${render(part.trim(), true)}</div>\n`;
      return;
    }
    for (const line of part.split('\n')) {
      if (!line.trim()) continue;
      const inline = line.replace(/\$([^$]+)\$/g, (_, math) => render(math, false));
      const heading = inline.match(/^(#+) (.*)$/);
      html += heading ? `<h${heading[1].length}>${heading[2]}</h${heading[1].length}>\n` : `<p>${inline}</p>\n`;
    }
  });
  return html;
}

let fragments = 0;
for (const file of args) {
  const markdown = fs.readFileSync(file, 'utf8');
  const parts = markdown.split('$$');
  if (parts.length % 2 !== 1) throw new Error(`${file}: unpaired $$`);
  parts.forEach((part, i) => {
    const math = i % 2 === 1 ? [part.trim()] : [...part.matchAll(/\$([^$\n]+)\$/g)].map((m) => m[1]);
    for (const latex of math) {
      try {
        render(latex, i % 2 === 1);
        fragments++;
      } catch (e) {
        console.error(`${file}: KaTeX cannot parse\n  ${latex}\n  ${e.message}`);
        process.exit(1);
      }
    }
  });
}
console.log(`KaTeX parsed ${fragments} fragments in ${args.length} file(s)`);

if (htmlOut) {
  const css = new URL('./node_modules/katex/dist/katex.min.css', import.meta.url).href;
  fs.writeFileSync(htmlOut, `<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="${css}">
<style>body{font-family:sans-serif;max-width:1100px;margin:1em auto}.display{overflow-x:auto;margin:.6em 0}</style>
${toHtml(fs.readFileSync(args[0], 'utf8'))}`);
  console.log(`rendered ${args[0]} to ${htmlOut}`);
}
