/*
 * The search page's Pagefind (newsbrief-search-page.js), run in this worker: inflating
 * the index's files, its WebAssembly and each search take a few hundred milliseconds
 * of a phone's time, which the page's own thread spends drawing instead.
 *
 * The page calls this worker's functions (`calls`) by message: {call, name, args} is
 * answered by {call, value}, or {call, error} with the error's message.
 */
import * as pagefind from "../../pagefind/pagefind.js";
import { startPagefind } from "./newsbrief-search-text.js";

// set up at once, while the page asks for the query's first words: the page opened
// this worker to search
const engine = startPagefind(pagefind, new URL("../../pagefind/", self.location.href).href);
let found = []; // the results of the newest `search`, whose pages `result` gives

const calls = {
  /* How many results `words` (null: every page) has, narrowed by Pagefind's `filters`,
     and Pagefind's counts of the loaded filters' values among them; the results stay
     here for `result`. */
  async search(words, filters) {
    const answer = await (await engine).search(words, { filters });
    found = answer.results;
    return { count: found.length, filters: answer.filters };
  },

  /* Pagefind's counts of each loaded filter's values among the results of `words` and
     `filters` (the results themselves are not kept). */
  async counts(words, filters) {
    return (await (await engine).search(words, { filters })).filters;
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
