/*
 * The search page's Pagefind (newsbrief-search-page.js), run in this worker: inflating
 * the index's files, its WebAssembly and each search take a few hundred milliseconds
 * of a phone's time, which the page's own thread spends drawing instead.
 *
 * The page calls this worker's functions (`calls`) by message: {call, name, args} is
 * answered by {call, value}, or {call, error} with the error's message.
 */
import * as pagefind from "../../pagefind/pagefind.js";
import { indexesLacking, mergeVolumes, searchLeavingOut, startPagefind } from "./newsbrief-search-text.js";

const bundle = new URL("../../pagefind/", self.location.href).href;
// set up at once, while the page asks for the query's first words: the page opened
// this worker to search
const engine = startPagefind(pagefind, bundle);
const merged = new Set(); // the volumes merged into the main index; the page starts
// another worker for a search that covers fewer
let asked = 0; // searches asked: only the newest one's answer is kept, whichever ends last
let found = []; // the results of the newest `search`, whose pages `result` gives
let lacking = []; // the indexes it left out, as its `counts` do

const calls = {
  /* How many results `words` (null: every page) has in the main index and the volumes
     at `volumes`, narrowed by Pagefind's `filters`, and Pagefind's counts of the loaded
     filters' values among them; the results stay here for `result`. */
  async search(words, filters, volumes) {
    const number = ++asked;
    const pagefind = await engine;
    await mergeVolumes(pagefind, bundle, volumes, merged);
    const left = await indexesLacking(pagefind, words, merged);
    const answer = await searchLeavingOut(pagefind, words, filters, left);
    if (number === asked) [found, lacking] = [answer.results, left];
    return { count: answer.results.length, filters: answer.filters };
  },

  /* Pagefind's counts of each loaded filter's values among the results of the newest
     search's `words` narrowed by `filters` (the results themselves are not kept). */
  async counts(words, filters) {
    return (await searchLeavingOut(await engine, words, filters, lacking)).filters;
  },

  /* The newest search's result at `index`, as much of Pagefind's page as the page shows:
     its address, metadata and excerpt (its fragment is fetched now). */
  async result(index) {
    const { url, meta, excerpt } = await found[index].data();
    return { url, meta, excerpt };
  },
};

addEventListener("message", async ({ data: { call, name, args } }) => {
  try {
    postMessage({ call, value: await calls[name](...args) });
  } catch (error) {
    postMessage({ call, error: String(error?.message ?? error) });
  }
});
