"""Turning the report's HTML into the final PDF: rendering (the only WeasyPrint importer), the
worker press, and joining parts into one book. May import report and everything below it."""
