"""The report's content: the HTML, chart, brand glyph checks, shared blocks and page stamps,
and the page data the PDF part consumes. May import team, files, the method and the ground."""
