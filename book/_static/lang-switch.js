// The language switcher keeps the reader's place: the query (e.g. a search) and the
// anchor are carried over to the same page of the other edition.  Labels are the same
// in both editions, so anchors of sections, equations and figures match.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("a.lang-switch, a.lang-other").forEach((link) => {
    link.addEventListener("click", () => {
      const base = link.getAttribute("href").split(/[?#]/)[0];
      link.setAttribute("href", base + window.location.search + window.location.hash);
    });
  });
});
