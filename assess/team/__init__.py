"""Teams: merging people's files into one, importing CSV, and comparing two assessments.
May import files, the method and the ground."""
