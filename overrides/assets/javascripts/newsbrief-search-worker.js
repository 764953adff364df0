/*
 * Material for MkDocs' search box, answered by Pagefind.
 *
 * Material runs its search in a web worker and talks to it in four messages
 * (0 setup, 1 ready, 2 query, 3 result). This worker speaks the same messages,
 * so Material's search box, result list, keyboard handling and highlighting stay
 * as they are, but answers queries from the chunked Pagefind index in
 * /pagefind/: a query downloads only the index chunks and result fragments it
 * needs, never the whole archive. Material's own search_index.json is empty
 * (every page is excluded from it), so the setup message carries nothing.
 *
 * A brief is indexed as its title, its synopsis and the rest of its words once
 * each (see newsbrief/site/search_documents.py), so an excerpt of it would be a list of words:
 * its result shows the synopsis, with the query's words marked.
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const SHOWN = 10; // results whose fragments are fetched (Material first draws 10); "Top N"
const PAUSE = 150; // ms of no typing before a query runs: no chunks fetched for "m", "ma", "mar"
const bundle = new URL("../../pagefind/", self.location.href).href;
let loading = null;
let latest = 0;

async function load() {
  const pagefind = await import(`${bundle}pagefind.js`);
  await pagefind.options({ basePath: bundle, baseUrl: "/", excerptLength: 40 });
  await pagefind.init();
  return pagefind;
}

function engine() {
  loading ??= load();
  return loading;
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

/* `text` as HTML, with each word that begins like one of `terms` marked. */
function marked(text, terms) {
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

/* Material sends lunr syntax ("+word", "word*"); Pagefind wants plain words. */
function plainQuery(query) {
  return query.replace(/[+\-*~^:"]/g, " ").replace(/\s+/g, " ").trim();
}

async function search(query) {
  const words = plainQuery(query);
  if (!words) return { items: [] };
  const found = await (await engine()).search(words);
  const shown = await Promise.all(found.results.slice(0, SHOWN).map(result => result.data()));
  const terms = words.toLowerCase().split(" ");
  return {
    items: shown.map((page, rank) => [{
      location: page.url.replace(/^\//, ""),
      title: escapeHTML(page.meta.title || page.url),
      text: `<p>${page.meta.synopsis ? marked(page.meta.synopsis, terms) : page.excerpt}</p>`,
      score: SHOWN - rank,
      terms: Object.fromEntries(terms.map(term => [term, true])),
    }]),
  };
}

addEventListener("message", async event => {
  const message = event.data;
  if (message.type === SETUP) {
    postMessage({ type: READY }); // Pagefind loads on the first query: no cost to readers who never search
  } else if (message.type === QUERY) {
    const query = ++latest;
    await new Promise(resolve => setTimeout(resolve, PAUSE));
    if (query !== latest) return; // typing went on; Material shows whichever result comes
    const result = await search(message.data);
    if (query === latest) postMessage({ type: RESULT, data: result });
  }
});
