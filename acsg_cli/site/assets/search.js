// Search in the browser with the Pagefind index the build wrote into pagefind/ (no server).
// The page's address carries the query (?q=...&region=...), so results can be linked to.
// Every word it shows comes from the page, in the page's language (data-messages on the status
// line, rendered from the catalogs); the English ones below stand in only if they are missing.
const root = new URL("../", import.meta.url);
const form = document.querySelector("[data-search]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const lang = document.documentElement.lang || "en";
const messages = {
  prompt: "Type words to find, or choose a region, an area or a stage.",
  results: { one: "{n} result", other: "{n} results" },
  unavailable: "Search is not available here: {reason}",
  kinds: {},
  indexLang: "en",
  ...JSON.parse(status.dataset.messages || "{}"),
};

function resultCount(n) {
  const forms = messages.results;
  const words = forms[new Intl.PluralRules(lang).select(n)] || forms.other;
  return words.replace("{n}", new Intl.NumberFormat(lang).format(n));
}

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

async function main() {
  const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
  await pagefind.options({ baseUrl: root.pathname });
  const input = form.querySelector("input[name=q]");
  const facets = Array.from(form.querySelectorAll("select[data-facet]"));
  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  for (const select of facets) select.value = params.get(select.name) || "";

  async function run() {
    const filters = {};
    for (const select of facets) if (select.value) filters[select.dataset.facet] = select.value;
    const query = input.value.trim();
    list.replaceChildren();
    if (!query && Object.keys(filters).length === 0) {
      status.textContent = messages.prompt;
      return;
    }
    const search = await pagefind.search(query || null, { filters });
    const results = await Promise.all(search.results.slice(0, 50).map((r) => r.data()));
    status.textContent = resultCount(search.results.length);
    for (const result of results) {
      // The index holds the English pages: their text is marked as such on another page.
      const item = element("li", "", messages.indexLang === lang ? {} : { lang: messages.indexLang });
      const heading = element("h2");
      heading.append(element("a", result.meta.title || result.url, { href: result.url }));
      item.append(heading);
      const kind = result.meta.kind;
      if (kind) item.append(element("p", messages.kinds[kind] || kind, { class: "kind", lang }));
      // The excerpt marks the hits with <mark>; rebuild it as text nodes, never as HTML.
      const excerpt = element("p");
      for (const [index, part] of result.excerpt.split(/<\/?mark>/).entries()) {
        const text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
        excerpt.append(index % 2 ? element("mark", text) : document.createTextNode(text));
      }
      item.append(excerpt);
      list.append(item);
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (input.value.trim()) next.set("q", input.value.trim());
    for (const select of facets) if (select.value) next.set(select.name, select.value);
    history.replaceState(null, "", `?${next}`);
    run();
  });
  for (const select of facets) select.addEventListener("change", () => form.requestSubmit());
  await run();
}

main().catch((error) => {
  status.textContent = messages.unavailable.replace("{reason}", error.message);
});
