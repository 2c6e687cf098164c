// Accessibility fixes the theme lacks, applied on every page view, including views loaded by instant navigation.
document$.subscribe(() => {
  // The search overlay has role="dialog" but no name.
  for (const search of document.querySelectorAll(".md-search[role=dialog]:not([aria-label])")) {
    search.setAttribute("aria-label", "Search");
  }
  // A table wider than the screen scrolls sideways: keyboard users must be able to reach it and scroll it.
  for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
    if (wrap.scrollWidth > wrap.clientWidth) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Table, scrolls sideways");
    }
  }
});
