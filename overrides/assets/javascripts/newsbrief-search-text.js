/*
 * What the header's search box (newsbrief-search-worker.js) and the search page
 * (newsbrief-search-page.js) share: loading Pagefind, and a result's text as HTML.
 */

/*
 * Pagefind's API, from its bundle at `bundle` (the folder /pagefind/ of the site),
 * run where it is loaded: in a page, Pagefind would start a worker of its own, another
 * 41 KB before the first result. Both callers run it in a worker of theirs.
 */
export async function loadPagefind(bundle) {
  return startPagefind(await import(`${bundle}pagefind.js`), bundle);
}

/* Pagefind's module `pagefind`, imported already, set up to answer from `bundle`. */
export async function startPagefind(pagefind, bundle) {
  await pagefind.options({ basePath: bundle, baseUrl: "/", excerptLength: 40, noWorker: true });
  await pagefind.init();
  return pagefind;
}

export function escapeHTML(text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

/* `text` as HTML, with each word that begins like one of `terms` marked. */
export function marked(text, terms) {
  const starts = terms.map(term => stem(term).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const word = new RegExp(`(?<![\\p{L}\\p{N}])(?:${starts.join("|")})[\\p{L}\\p{N}]*`, "giu");
  let html = "", done = 0;
  for (const match of text.matchAll(word)) {
    html += `${escapeHTML(text.slice(done, match.index))}<mark>${escapeHTML(match[0])}</mark>`;
    done = match.index + match[0].length;
  }
  return html + escapeHTML(text.slice(done));
}

/* A query word without the endings Pagefind's stemming also matches ("elections", "election"). */
function stem(term) {
  const short = term.replace(/(?:ing|ed|es|s)$/, "");
  return short.length >= 3 ? short : term;
}

/* Plain words: Material sends lunr syntax ("+word", "word*"), Pagefind wants none. */
export function plainQuery(query) {
  return query.replace(/[+\-*~^:"]/g, " ").replace(/\s+/g, " ").trim();
}

/*
 * A result's text as HTML: a brief's synopsis with the query's `terms` marked (a
 * brief is indexed as a list of words, so an excerpt of it would be one), or else
 * Pagefind's excerpt, which Pagefind escapes and marks itself.
 */
export function resultText(page, terms) {
  return page.meta.synopsis ? marked(page.meta.synopsis, terms) : page.excerpt;
}
