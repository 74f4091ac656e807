// Listing filters: each <select data-filter="NAME"> keeps the cards whose data-NAME attribute
// holds the chosen value. Without JavaScript the form stays hidden and every card is shown.
// `?stage=agreed` (or any filter name) in the address preselects a value.
const form = document.querySelector("[data-filters]");
if (form) {
  const cards = Array.from(document.querySelectorAll(".cards > .card"));
  const selects = Array.from(form.querySelectorAll("select[data-filter]"));
  const count = form.querySelector("[data-filter-count]");
  const params = new URLSearchParams(window.location.search);
  const apply = () => {
    let shown = 0;
    for (const card of cards) {
      const keep = selects.every((select) => {
        const value = select.value;
        if (!value) return true;
        const values = (card.dataset[select.dataset.filter] || "").split(" ");
        return values.includes(value);
      });
      card.hidden = !keep;
      if (keep) shown += 1;
    }
    // The words come from the page, in its language: "{shown} of {total} shown".
    const words = count.dataset.template || "{shown} of {total} shown";
    count.textContent = words.replace("{shown}", shown).replace("{total}", cards.length);
  };
  for (const select of selects) {
    const wanted = params.get(select.dataset.filter);
    if (wanted && Array.from(select.options).some((o) => o.value === wanted)) select.value = wanted;
    select.addEventListener("change", apply);
  }
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  apply();
}
