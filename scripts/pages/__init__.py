"""Each page's own code: the tables and charts it builds from its evidence, called from its Markdown fields."""
