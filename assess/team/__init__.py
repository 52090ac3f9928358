"""Teams and companies: merging people's files into one, importing CSV, comparing two assessments,
and the portfolio across journeys.
May import files, the method and the ground."""
