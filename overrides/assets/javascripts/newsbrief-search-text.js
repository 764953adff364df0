/*
 * What the header's search box (newsbrief-search-worker.js) and the search page
 * (newsbrief-search-page.js) share: loading Pagefind and the volumes of the index, and
 * a result's text as HTML.
 *
 * The briefs are indexed in volumes of whole months (newsbrief/site/search_volumes.py),
 * listed newest first in /pagefind/volumes.json; the main index (/pagefind/) holds the
 * other pages, and the volumes a search covers are merged into it (Pagefind's mergeIndex:
 * each brings its own metadata, not Pagefind's WebAssembly again). Each index's pages
 * carry its name as the filter `index` ("main", or the volume's folder), by which
 * a search leaves out an index that lacks a word the others have (indexesLacking).
 */

/*
 * Pagefind's API, from its bundle at `bundle` (the folder /pagefind/ of the site),
 * run where it is loaded: in a page, Pagefind would start a worker of its own, another
 * 41 KB before the first result. Both callers run it in a worker of theirs.
 */
export async function loadPagefind(bundle) {
  return startPagefind(await import(`${bundle}pagefind.js`), bundle);
}

const OPTIONS = { baseUrl: "/", excerptLength: 40 }; // of the main index and each volume
const INDEX = "index"; // the filter naming each page's index
const MAIN = "main";

/* Pagefind's module `pagefind`, imported already, set up to answer from `bundle`. */
export async function startPagefind(pagefind, bundle) {
  await pagefind.options({ basePath: bundle, ...OPTIONS, noWorker: true, mergeFilter: { [INDEX]: MAIN } });
  await pagefind.init();
  // the main index loaded, or its failure thrown: Pagefind's mergeIndex would wait for
  // its WebAssembly for ever
  await pagefind.filters();
  return pagefind;
}

/* The index's volumes: {searched_first, volumes: [{path, first, last, first_name, briefs}]},
   newest first; a search covers the first `searched_first` until the reader widens it.
   Asked of the server each time (a cached list could name volumes a new build replaced). */
export async function loadVolumes(bundle) {
  const response = await fetch(`${bundle}volumes.json`, { cache: "no-cache" });
  if (!response.ok) throw new Error(`the list of the index's volumes is missing (${response.status})`);
  return response.json();
}

/* The volumes at `paths` (under `bundle`) merged into `pagefind`, those not in `merged`
   yet (which they are added to). */
export async function mergeVolumes(pagefind, bundle, paths, merged) {
  const fresh = paths.filter(path => !merged.has(path));
  for (const path of fresh) merged.add(path);
  await Promise.all(fresh.map(path =>
    pagefind.mergeIndex(`${bundle}${path}`, { ...OPTIONS, mergeFilter: { [INDEX]: path } })));
}

/*
 * The indexes (the main one, and those of the volumes `merged`) that lack a word of
 * `words` which another has. Pagefind answers a word no indexed word begins with by the
 * longest indexed word it begins with ("army" by "a"): one index could not do so for a
 * word another has, but separate indexes do, each of its own. So each word is looked up
 * whole in every index (a quoted search: the pages with a word of its stem; its chunk is
 * the one the search loads anyway). A word no index has whole (typed halfway, or in no
 * brief) is left to Pagefind's rules.
 */
export async function indexesLacking(pagefind, words, merged) {
  const terms = words ? words.split(" ") : [];
  const probes = await Promise.all(terms.map(term => pagefind.search(`"${term}"`)));
  const lacking = new Set();
  for (const probe of probes) {
    const found = probe.filters[INDEX] ?? {};
    if (!Object.values(found).some(count => count > 0)) continue;
    for (const index of [MAIN, ...merged]) if (!(found[index] > 0)) lacking.add(index);
  }
  return [...lacking];
}

/* Pagefind's search of `words` (null: every page) narrowed by `filters`, leaving out the
   indexes `lacking` (indexesLacking). */
export function searchLeavingOut(pagefind, words, filters, lacking) {
  const narrowed = lacking.length ? { ...filters, [INDEX]: { none: lacking } } : filters;
  return pagefind.search(words, { filters: narrowed });
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
