// Accessibility fixes the theme lacks, applied on every page view, including views loaded by instant navigation.
document$.subscribe(() => {
  // The search overlay has role="dialog" but no name.
  for (const search of document.querySelectorAll(".md-search[role=dialog]:not([aria-label])")) {
    search.setAttribute("aria-label", "Search");
  }
  // A chart scrolls sideways in a box of its own: a figure with a caption may not take the region role.
  for (const svg of document.querySelectorAll("figure.evidence-chart > svg")) {
    const box = document.createElement("div");
    box.className = "evidence-chart__scroll";
    svg.replaceWith(box);
    box.append(svg);
  }
  // A table or chart wider than the screen scrolls sideways: keyboard users must be able to reach and scroll it.
  for (const [selector, name] of [[".md-typeset__scrollwrap", "Table"], [".evidence-chart__scroll", "Chart"]]) {
    for (const box of document.querySelectorAll(selector)) {
      if (box.scrollWidth > box.clientWidth) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", `${name}, scrolls sideways`);
      }
    }
  }
});
