"""The method: answers to verdicts, reasons, team consensus, what a verdict is worth and the
questionnaire's own checks.
Pure functions over the models; may import only the ground (models, errors, textsafety)."""
