/*
 * The search page, /search/ (made by newsbrief/site/search_page.py): results from
 * the Pagefind index, narrowed by its filters (tag, year, source, person).
 *
 * The address is the search: /search/?query=tank&tag=Military&year=2025 is the query
 * and the chosen filters, the form's own fields, so a search can be bookmarked and
 * shared. The page reads it on load and on the browser's back and forward, and
 * writes it as the reader changes the search: a new history entry for a filter
 * chosen or a query sent, the same entry while a query is typed.
 *
 * Each filter's values are spread over several Pagefind filters (tag0 ... tag7, by a
 * hash of the value: newsbrief/site/search_documents.py), so a search narrowed to a
 * value downloads only its share. Beside the results, each filter shows the values
 * chosen, and its commonest values among the results, each with the number of results
 * it would leave (Pagefind's counts). In a large archive (the form has no
 * data-filters-open) a filter's values are downloaded only when the reader asks for
 * them ("Show every tag", and so on), so the first query stays small.
 * The words go in "query", not "q": Material's own script opens its header search box
 * for any address with ?q= (and takes q out of the address when that box closes).
 *
 * A search covers the main index and the newest volume of briefs (newsbrief-search-text.js);
 * "Search every year" (years=all in the address) brings in the older ones, and so does a
 * year chosen among the filters, that year's. Its worker merges the volumes a search
 * needs; for a search that covers fewer than it has merged, the page starts a new worker.
 */
"use strict";
(() => {
  const script = document.currentScript.src;
  const text = import(new URL("newsbrief-search-text.js", script).href);
  const bundle = new URL("../../pagefind/", script).href;
  const index = text.then(({ loadVolumes }) => loadVolumes(bundle)); // prefetched by the page
  // "Search needs JavaScript", a paragraph rather than <noscript>, which browsers that
  // parse with scripting on but run none for the site would not show
  document.getElementById("nb-search-no-script").hidden = true;

  const SHOWN = 10; // results drawn at a time; "More results" draws the next ones
  const CHOICES = 8; // values of an opened filter shown, the commonest first, beside those chosen
  const PAUSE = 150; // ms of no typing before a query runs
  const root = new URL("../../", script); // the site's root, which results' addresses start from

  const region = document.querySelector(".nb-search");
  const form = document.querySelector(".nb-search__form");
  const shards = Number(form.dataset.filterShards);
  const query = form.elements.query;
  const groups = [...form.querySelectorAll("fieldset[data-filter]")];
  const names = groups.map(group => group.dataset.filter);
  const status = document.getElementById("nb-search-status");
  const list = document.getElementById("nb-search-results");
  const more = document.getElementById("nb-search-more");

  // filters whose every value is loaded and shown: all of them in a small archive (the page says)
  const opened = new Set("filtersOpen" in form.dataset ? names : []);
  let latest = 0; // the newest search: an older one's answer is dropped
  let typing = 0;
  let found = 0, drawn = 0, terms = [], writeText = null;

  /* Pagefind runs in a worker (newsbrief-search-page-worker.js), asked by `ask`. */
  const waiting = new Map(); // call number: [resolve, reject]
  let calls = 0;
  let worker = null, merged = null; // the worker, and the volumes it has merged
  startWorker();

  function startWorker() {
    worker = new Worker(new URL("newsbrief-search-page-worker.js", script), { type: "module" });
    merged = new Set();
    worker.addEventListener("message", ({ data }) => {
      if (!waiting.has(data.call)) return; // to a worker since replaced
      const [resolve, reject] = waiting.get(data.call);
      waiting.delete(data.call);
      if ("error" in data) reject(new Error(data.error));
      else resolve(data.value);
    });
  }

  /* A worker that has merged no volume outside `volumes`: the one there is, or a new one. */
  function workerFor(volumes) {
    if ([...merged].some(volume => !volumes.includes(volume))) restartWorker();
    for (const volume of volumes) merged.add(volume);
  }

  /* A new worker (the old one's unanswered calls fail: their searches are superseded). */
  function restartWorker() {
    worker.terminate();
    for (const [, reject] of waiting.values()) reject(new Error("superseded"));
    waiting.clear();
    startWorker();
  }

  function ask(name, ...args) {
    return new Promise((resolve, reject) => {
      waiting.set(++calls, [resolve, reject]);
      worker.postMessage({ call: calls, name, args });
    });
  }

  /* The Pagefind filter holding `value` of the filter `name`: FNV-1a of its UTF-8, as
     search_documents.filter_key computes it. */
  function keyOf(name, value) {
    let digest = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(value)) digest = Math.imul(digest ^ byte, 0x01000193) >>> 0;
    return `${name}${digest % shards}`;
  }

  /* {words, every: every year or not, filters: {name: [values]}} from an address's query
     string or the form's fields. */
  function stateOf(params) {
    return {
      words: params.get("query") ?? "",
      every: params.get("years") === "all",
      filters: Object.fromEntries(names.map(name => [name, params.getAll(name)])),
    };
  }

  function formState() {
    return stateOf(new URLSearchParams(new FormData(form)));
  }

  function addressOf(state) {
    const params = new URLSearchParams();
    if (state.words.trim()) params.set("query", state.words.trim());
    if (state.every) params.set("years", "all");
    for (const name of names) for (const value of state.filters[name]) params.append(name, value);
    const search = params.toString();
    return search ? `?${search}` : location.pathname;
  }

  /* Record `state` in the address: a new history entry (`push`) or the current one. */
  function remember(state, push) {
    const address = addressOf(state);
    if (address === addressOf(stateOf(new URLSearchParams(location.search)))) return;
    history[push ? "pushState" : "replaceState"](null, "", address);
  }

  /* Pagefind's filters narrowing to `state`'s chosen values, each in its share. */
  function narrowing(state) {
    const filters = {};
    for (const name of names) {
      for (const value of state.filters[name]) (filters[keyOf(name, value)] ??= []).push(value);
    }
    return filters;
  }

  /* The same, and every share of an opened filter (`none: []` narrows nothing, but loads
     the share, so Pagefind counts its values). */
  function counted(state) {
    const filters = narrowing(state);
    for (const name of opened) {
      for (let shard = 0; shard < shards; shard++) filters[`${name}${shard}`] ??= { none: [] };
    }
    return filters;
  }

  /* Pagefind's counts by filter of the page ({tag: {Military: 3}}), its shares merged. */
  function countsByFilter(counts) {
    const merged = {};
    for (const [key, values] of Object.entries(counts)) {
      Object.assign(merged[key.replace(/\d+$/, "")] ??= {}, values);
    }
    return merged;
  }

  /* `state`'s search, the region marked busy meanwhile (assistive technology waits for
     it, and so do the browser tests); a search that fails says so in the status. */
  async function run(state) {
    const search = ++latest;
    region.setAttribute("aria-busy", "true");
    try {
      await searchAndDraw(search, state);
    } catch (error) {
      if (search !== latest) return;
      status.textContent = `The search failed (${error.message}). Search again, or reload the page; the archive and the tags list every brief.`;
      restartWorker(); // Pagefind keeps an index that failed to load: the next search starts afresh
      throw error;
    } finally {
      if (search === latest) region.removeAttribute("aria-busy");
    }
  }

  /* The results drawn first (what the reader came for); then, for an opened filter, the
     same search again with all its shares loaded, for the counts of its values (the
     index's chunks are loaded by then: only the filters' files are fetched). */
  async function searchAndDraw(search, state) {
    const { plainQuery, resultText } = await text;
    const words = plainQuery(state.words);
    const chosen = names.flatMap(name => state.filters[name]);
    if (!words && !chosen.length) {
      drawChoices(state, null);
      showResults(0, null, "Type words to search the briefs, or open a search from a tag's, a year's or a person's page.");
      return;
    }
    const { paths, since } = coverage(state, await index);
    if (search !== latest) return;
    workerFor(paths);
    const answer = await ask("search", words || null, narrowing(state), paths);
    if (search !== latest) return;
    terms = words ? words.toLowerCase().split(" ") : [];
    await showResults(answer.count, resultText, summary(answer.count, words, chosen, since));
    const counts = opened.size ? await ask("counts", words || null, counted(state)) : answer.filters;
    if (search === latest) drawChoices(state, countsByFilter(counts));
  }

  /* The folders of the volumes `state`'s search covers: every one when the reader asked
     for every year, else those of a year chosen, else the newest; and, where it leaves
     older ones out and no year was chosen, the month it searches back to (`since`). */
  function coverage(state, { volumes, searched_first }) {
    const years = state.filters.year;
    const ofYears = volume => years.some(year => volume.first.slice(0, 4) <= year && year <= volume.last.slice(0, 4));
    const covered = state.every ? volumes
      : years.length ? volumes.filter(ofYears) : volumes.slice(0, searched_first);
    const partial = covered.length < volumes.length && !years.length;
    return { paths: covered.map(volume => volume.path), since: partial ? covered.at(-1).first_name : null };
  }

  /* "3 results for “tank”, narrowed to Military", and, where older volumes were left
     out, "among the briefs since March 2025" (`since`: the month searched back to). */
  function summary(count, words, chosen, since) {
    return `${count === 0 ? "No" : count} result${count === 1 ? "" : "s"}`
      + (words ? ` for “${words}”` : "")
      + (chosen.length ? `, narrowed to ${chosen.join(", ")}` : "")
      + (since ? `, among the briefs since ${since}` : "") + ".";
  }

  /* The count announced (the status is a live region), then the first results: the
     status above them takes its room before they come, so they do not move. */
  async function showResults(count, write, message) {
    found = count;
    drawn = 0;
    writeText = write;
    list.replaceChildren();
    status.textContent = message;
    await drawMore();
  }

  /* The next results, each drawn as soon as it and those before it have come: their
     fragments are fetched only now. */
  async function drawMore() {
    const search = latest;
    const indexes = [...Array(Math.min(SHOWN, found - drawn)).keys()].map(offset => drawn + offset);
    const pages = indexes.map(index => ask("result", index));
    for (const page of pages) {
      const item = resultItem(await page);
      if (search !== latest) return 0;
      list.append(item);
      drawn += 1;
    }
    more.hidden = drawn >= found;
    return pages.length;
  }

  function resultItem(page) {
    const item = document.createElement("li");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = new URL(page.url.replace(/^\//, ""), root).href;
    link.textContent = page.meta.title || page.url;
    heading.append(link);
    item.append(heading);
    if (page.meta.published) {
      const published = document.createElement("p");
      published.className = "nb-byline";
      published.textContent = page.meta.published;
      item.append(published);
    }
    const synopsis = document.createElement("p");
    synopsis.innerHTML = writeText(page, terms); // escaped there, or by Pagefind
    item.append(synopsis);
    return item;
  }

  /* Each filter's values: those chosen, then, once the filter is opened, the commonest
     others the results have; `counts` null when no search ran. */
  function drawChoices(state, counts) {
    const focused = document.activeElement;
    const refocus = focused?.type === "checkbox" && [focused.name, focused.value];
    for (const group of groups) {
      const name = group.dataset.filter;
      const chosen = state.filters[name];
      const known = counts?.[name] ?? {};
      const others = !opened.has(name) ? [] : Object.entries(known)
        .filter(([value, count]) => count > 0 && !chosen.includes(value))
        .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
        .slice(0, CHOICES);
      const values = [...chosen.map(value => [value, known[value]]), ...others];
      group.hidden = opened.has(name) ? !values.length : counts === null && !chosen.length;
      group.querySelector("button").hidden = opened.has(name);
      group.querySelector(".nb-search__choices").replaceChildren(
        ...values.map(([value, count]) => choice(name, value, count, chosen.includes(value))));
    }
    if (refocus) { // the reader's place survives the redrawing
      const again = [...form.querySelectorAll("input[type=checkbox]")]
        .find(box => box.name === refocus[0] && box.value === refocus[1]);
      (again ?? query).focus();
    }
  }

  function choice(name, value, count, checked) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    Object.assign(box, { type: "checkbox", name, value, checked });
    const number = document.createElement("span");
    number.className = "nb-search__count";
    number.textContent = count === undefined ? "" : ` (${count})`;
    label.append(box, value, number);
    return label;
  }

  async function restore() {
    const state = stateOf(new URLSearchParams(location.search));
    query.value = state.words;
    if (form.elements.years) form.elements.years.checked = state.every;
    drawChoices(state, null); // the chosen filters are fields of the form at once
    await run(state);
  }

  form.addEventListener("submit", event => {
    event.preventDefault();
    clearTimeout(typing);
    const state = formState();
    remember(state, true);
    run(state);
  });
  query.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      const state = formState();
      remember(state, false);
      run(state);
    }, PAUSE);
  });
  form.addEventListener("change", event => {
    if (event.target.type !== "checkbox") return;
    const state = formState();
    remember(state, true);
    run(state);
  });
  for (const group of groups) {
    group.querySelector("button").addEventListener("click", async () => {
      opened.add(group.dataset.filter);
      await run(formState());
      (group.querySelector("input") ?? query).focus();
    });
  }
  more.addEventListener("click", async () => {
    const first = drawn;
    if (await drawMore()) list.children[first]?.querySelector("a")?.focus();
  });
  addEventListener("popstate", restore);
  restore();
})();
