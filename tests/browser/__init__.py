"""Browser tests of the built site (a package, so that pytest puts tests/ on sys.path for `helpers`)."""
