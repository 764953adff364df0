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
 * its result shows the synopsis, with the query's words marked (newsbrief-search-text.js,
 * shared with the search page, /search/).
 *
 * The box searches the newest volume of briefs (newsbrief-search-text.js); where the
 * archive has older ones, its last result leads to the search page, which searches every
 * year.
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const SHOWN = 10; // results whose fragments are fetched (Material first draws 10); "Top N"
const PAUSE = 150; // ms of no typing before a query runs: no chunks fetched for "m", "ma", "mar"
const bundle = new URL("../../pagefind/", self.location.href).href;
let text = null; // loaded on the first query, like Pagefind: nothing for readers who never search
let engine = null;
let latest = 0;

/* Pagefind with the volumes a search covers first (the newest) merged in, and the list
   of volumes. */
async function start() {
  const [pagefind, volumes] = await Promise.all([text.loadPagefind(bundle), text.loadVolumes(bundle)]);
  const first = volumes.volumes.slice(0, volumes.searched_first).map(volume => volume.path);
  const merged = new Set();
  await text.mergeVolumes(pagefind, bundle, first, merged);
  return { pagefind, volumes, merged };
}

async function search(query) {
  text ??= await import("./newsbrief-search-text.js");
  const words = text.plainQuery(query);
  if (!words) return { items: [] };
  engine ??= start().catch(error => {
    engine = null; // the next query starts again (the index may be back, or rebuilt)
    throw error;
  });
  const { pagefind, volumes, merged } = await engine;
  const lacking = await text.indexesLacking(pagefind, words, merged);
  const found = await text.searchLeavingOut(pagefind, words, {}, lacking);
  const shown = await Promise.all(found.results.slice(0, SHOWN).map(result => result.data()));
  const terms = words.toLowerCase().split(" ");
  const items = shown.map((page, rank) => [{
    location: page.url.replace(/^\//, ""),
    title: text.escapeHTML(page.meta.title || page.url),
    text: `<p>${text.resultText(page, terms)}</p>`,
    score: SHOWN - rank,
    terms: Object.fromEntries(terms.map(term => [term, true])),
  }]);
  const searched = volumes.volumes.slice(0, volumes.searched_first);
  if (volumes.volumes.length > searched.length) items.push([everyYear(words, searched.at(-1), volumes.volumes.at(-1))]);
  return { items };
}

/* The last result where the archive has volumes the box leaves out: the search page,
   searching every year for `words`. */
function everyYear(words, newer, oldest) {
  const address = new URLSearchParams({ query: words, years: "all" });
  return {
    location: `search/?${address}`,
    title: `Search every year for “${text.escapeHTML(words)}”`,
    text: `<p>This box searches the briefs since ${newer.first_name}; the search page goes back to ${oldest.first_name}.</p>`,
    score: 0,
    terms: {},
  };
}

addEventListener("message", async event => {
  const message = event.data;
  if (message.type === SETUP) {
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    const query = ++latest;
    await new Promise(resolve => setTimeout(resolve, PAUSE));
    if (query !== latest) return; // typing went on; Material shows whichever result comes
    const result = await search(message.data);
    if (query === latest) postMessage({ type: RESULT, data: result });
  }
});
