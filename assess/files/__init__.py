"""Files in and out: reading, YAML, loading and checking workshops, questionnaires and brands,
saving, and results as JSON/CSV. May import the method and the ground."""
