'use strict';
// hugo-refs.cjs CORPUS SITE: adds to a Hugo site made by ../shared/bench/hugo-site one page per reference
// file, so that Hugo renders every Markdown file skillsite publishes. A reference is what skillsite
// publishes as one: a *.md other than SKILL.md, belonging to the nearest folder above it that holds a
// SKILL.md. Reference pages use a layout without data-pagefind-body: skillsite's search covers skills, not
// references, so Pagefind skips them (it still reads their HTML). Prints {"references": N}.
const fs = require('fs');
const path = require('path');

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git' || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

// Hugo reads "{{<" and "{{%" in a page as a shortcode call; its documented escape for showing one literally is
// "{{</* … */>}}" (and the same with %). Delimiters already escaped are left alone.
function escapeShortcodes(text) {
  return text.replace(/\{\{([<%])(?!\/\*)/g, '{{$1/*').replace(/(?<!\*\/)([>%])\}\}/g, '*/$1}}');
}

const LAYOUT = `{{ define "main" }}
<main>
<h1>{{ .Title }}</h1>
{{ .Content }}
</main>
{{ end }}
`;

function main() {
  const [corpus, site] = process.argv.slice(2);
  if (!corpus || !site || !fs.existsSync(path.join(site, 'hugo.toml'))) {
    process.stderr.write('usage: hugo-refs.cjs CORPUS SITE   (SITE made by ../shared/bench/hugo-site)\n');
    process.exit(2);
  }
  const root = path.resolve(corpus);
  const files = walk(root, []);
  const skillDirs = new Set(files.filter((f) => path.basename(f) === 'SKILL.md').map((f) => path.dirname(f)));
  const owner = (f) => {
    for (let d = path.dirname(f); d.startsWith(root); d = path.dirname(d)) {
      if (skillDirs.has(d)) return d;
      if (d === root) break;
    }
    return null;
  };
  fs.mkdirSync(path.join(site, 'layouts', 'ref'), { recursive: true });
  fs.writeFileSync(path.join(site, 'layouts', 'ref', 'single.html'), LAYOUT);
  let n = 0;
  for (const f of files) {
    if (path.basename(f) === 'SKILL.md' || !owner(f)) continue;
    const rel = path.relative(root, f).split(path.sep).join('/');
    const fm = ['---', `title: ${JSON.stringify(rel)}`, 'type: ref',
      `url: ${JSON.stringify('/ref/' + rel.replace(/\.md$/, '.html'))}`, '---', ''].join('\n');
    const out = path.join(site, 'content', 'ref', rel);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, fm + escapeShortcodes(fs.readFileSync(f, 'utf8')));
    n++;
  }
  process.stdout.write(JSON.stringify({ references: n }) + '\n');
}

main();
