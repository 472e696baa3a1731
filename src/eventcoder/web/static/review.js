// The review desk's forms: the place field of the edit form suggests the gazetteer's places in the event's country
// (GET /api/places); the merge form suggests the events near this one (GET /api/events); the queue's "select all"
// box ticks every event's box.
(function () {
  const form = document.querySelector("form.review-edit");
  const place = document.getElementById("f-location");
  const list = document.getElementById("places");
  if (form && place && list) {
    let timer = null;
    place.addEventListener("input", function () {
      clearTimeout(timer);
      const name = place.value.split(",")[0].trim();
      const country = (form.querySelector("[name=country]") || {}).value || form.dataset.country;
      if (name.length < 2 || !country) return;
      timer = setTimeout(function () {
        fetch("/api/places?" + new URLSearchParams({name: name, country: country}), {credentials: "same-origin"})
          .then(function (r) { return r.ok ? r.json() : {places: []}; })
          .then(function (data) {
            list.replaceChildren();
            for (const p of data.places) {
              const o = document.createElement("option");
              o.value = p.value;
              o.textContent = p.kind + " · " + [p.admin2, p.admin1].filter(Boolean).join(", ");
              list.appendChild(o);
            }
          });
      }, 200);
    });
  }
  // the merge form offers the events of the same country within three days of this one
  const merge = document.querySelector("form.merge");
  const candidates = document.getElementById("merge-candidates");
  if (merge && candidates && merge.dataset.country && merge.dataset.day) {
    const day = new Date(merge.dataset.day + "T00:00:00Z");
    const shift = function (n) { return new Date(day.getTime() + n * 86400000).toISOString().slice(0, 10); };
    const keep = merge.querySelector("[name=keep]").value;
    fetch("/api/events?" + new URLSearchParams({country: merge.dataset.country, since: shift(-3), until: shift(3),
                                                per_page: 50}), {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : {events: []}; })
      .then(function (data) {
        for (const e of data.events) {
          if (e.id === keep) continue;
          const o = document.createElement("option");
          o.value = e.id;
          o.textContent = [e.event_date, e.sub_event_type, e.location, (e.fatalities ?? "–") + " dead"].join(" · ");
          candidates.appendChild(o);
        }
      });
  }
  const all = document.getElementById("all");
  if (all) {
    all.addEventListener("change", function () {
      for (const box of document.querySelectorAll("form.bulk input[name=id]")) box.checked = all.checked;
    });
  }
})();
