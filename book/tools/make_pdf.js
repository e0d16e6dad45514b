/* What book/tools/make_pdf.py runs in the one-page HTML of an edition before and
 * between its prints (added to the page with Playwright's add_script_tag).
 *
 * prepare(words): everything the printed page needs, once the page is loaded (MathJax
 * done, images and fonts loaded): the title page, the contents, links between
 * chapters, folded cells open; returns what it checks ("problems") and the headings,
 * in the order of the document, as the PDF's outline has them.
 * fillPages(pages): the page number of every entry of the contents.
 */
window.bookPdf = {
  prepare: async (words) => {
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
      await MathJax.startup.promise;
    }
    await Promise.all(Array.from(document.images).map((img) => img.complete ? null :
      new Promise((done) => { img.onload = img.onerror = done; })));
    await document.fonts.ready;
    document.documentElement.classList.add("pdf-book");  // print.css: the book, not a page
    const article = document.querySelector("article.bd-article");
    const textOf = (h) => {
      const clone = h.cloneNode(true);
      clone.querySelectorAll(".headerlink").forEach((e) => e.remove());
      return clone.textContent.replace(/\s+/g, " ").trim();
    };

    const problems = [];
    const text = (() => {
      const clone = article.cloneNode(true);
      clone.querySelectorAll("pre, code, script, style, mjx-container, textarea, .highlight")
           .forEach((e) => e.remove());
      return clone.textContent;
    })();
    const raw = ["$$", "\\(", "\\)", "\\[", "\\]"].filter((d) => text.includes(d));
    if (raw.length) problems.push("raw TeX delimiters in the text: " + raw.join(" "));
    const merrors = Array.from(document.querySelectorAll("mjx-merror"))
        .map((e) => e.getAttribute("data-mjx-error") || e.textContent);
    if (merrors.length) problems.push("MathJax errors: " + merrors.slice(0, 5).join("; "));
    const math = article.querySelectorAll("span.math, div.math").length;
    const typeset = article.querySelectorAll("mjx-container").length;
    if (typeset < math) problems.push(`MathJax typeset ${typeset} of ${math} formulas`);
    const broken = Array.from(document.images)
        .filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.getAttribute("src"));
    if (broken.length) problems.push("images not loaded: " + broken.slice(0, 5).join(" "));

    // links between chapters: "#document-ch05_backpropagation#eq-ch05-bp1" -> "#eq-ch05-bp1"
    for (const a of article.querySelectorAll('a[href^="#document-"]')) {
      const href = a.getAttribute("href");
      const cut = href.indexOf("#", 1);
      if (cut > 0) a.setAttribute("href", href.slice(cut));
    }
    article.querySelectorAll("details").forEach((d) => { d.open = true; });

    // title page: the root page's heading, the edition, when and from what it was built
    const heading = article.querySelector("h1");
    heading.querySelectorAll(".headerlink").forEach((e) => e.remove());
    heading.classList.add("pdf-title");
    document.title = heading.textContent.trim();
    const titlePage = document.createElement("section");
    titlePage.className = "pdf-title-page";
    titlePage.append(heading);
    for (const line of [words.edition, words.built]) {
      const p = document.createElement("p");
      p.textContent = line;
      titlePage.append(p);
    }

    // contents: every page of the HTML book (h2) and its sections (h3)
    const toc = document.createElement("nav");
    toc.className = "pdf-toc";
    const tocTitle = document.createElement("h2");
    tocTitle.textContent = words.contents;
    const list = document.createElement("ol");
    toc.append(tocTitle, list);
    const entries = Array.from(article.querySelectorAll("section > h2, section > h3"));
    for (const h of entries) {
      const li = document.createElement("li");
      li.className = h.tagName === "H2" ? "pdf-toc-chapter" : "pdf-toc-section";
      const a = document.createElement("a");
      a.href = "#" + h.parentElement.id;
      const label = h.cloneNode(true);
      label.querySelectorAll(".headerlink").forEach((e) => e.remove());
      a.append(...label.childNodes);
      const fill = document.createElement("span");
      fill.className = "pdf-toc-fill";
      const page = document.createElement("span");
      page.className = "pdf-toc-page";
      page.textContent = "0";
      li.append(a, fill, page);
      list.append(li);
      h.dataset.tocEntry = String(list.children.length - 1);
    }
    article.prepend(titlePage, toc);

    // nothing wider than the text column (the viewport has the paper's width: VIEWPORT)
    const column = Math.min(article.getBoundingClientRect().right,
                            document.documentElement.clientWidth) + 1;
    const wide = Array.from(article.querySelectorAll(
        "pre, table, img, figure, mjx-container[display='true'], .cell_output > *"))
        .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > column)
        .map((e) => `${e.tagName.toLowerCase()} in #${(e.closest("section[id]") || {}).id}` +
                    ` (${Math.round(e.getBoundingClientRect().width)} px)`);
    if (wide.length) problems.push("wider than the page: " + wide.slice(0, 10).join(", "));

    await document.fonts.ready;  // the fonts of what the changes made visible
    const headings = Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
        .filter((h) => h.getClientRects().length > 0);
    return {
      problems,
      title: document.title,
      headings: headings.map((h) => ({text: textOf(h),
                                      toc: h.dataset.tocEntry === undefined ? null
                                           : Number(h.dataset.tocEntry)})),
    };
  },

  fillPages: (pages) => {
    const slots = document.querySelectorAll(".pdf-toc .pdf-toc-page");
    pages.forEach((page, i) => { slots[i].textContent = String(page); });
  },
};
