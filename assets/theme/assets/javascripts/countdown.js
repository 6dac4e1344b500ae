// The home page's countdown to the next theme day, kept current: the page says how many days
// there were when the site was built; this counts them again from today in the site's zone.
// Without JavaScript the built number stays, and the page still reads right.
(function () {
  var box = document.querySelector("[data-cs-countdown]");
  if (!box || typeof Intl === "undefined" || !Intl.PluralRules) return;
  var parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: box.getAttribute("data-cs-zone"), year: "numeric", month: "2-digit", day: "2-digit"
  }).formatToParts(new Date());
  var part = function (type) {
    return Number(parts.filter(function (p) { return p.type === type; })[0].value);
  };
  var today = Date.UTC(part("year"), part("month") - 1, part("day"));
  var day = box.getAttribute("data-cs-countdown").split("-").map(Number);
  var days = Math.round((Date.UTC(day[0], day[1] - 1, day[2]) - today) / 864e5);
  // The day has passed since the build: the next one is the next build's to name.
  if (days < 0) { box.hidden = true; return; }
  var number = box.querySelector(".cs-countdown__n"), unit = box.querySelector(".cs-countdown__unit");
  if (days === 0) {
    number.textContent = box.getAttribute("data-cs-today");
    unit.textContent = "";
    return;
  }
  number.textContent = String(days);
  var one = new Intl.PluralRules(document.documentElement.lang).select(days) === "one";
  unit.textContent = box.getAttribute(one ? "data-cs-one" : "data-cs-other");
})();
