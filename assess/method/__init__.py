"""The method: answers to verdicts, reasons, team consensus and the questionnaire's own checks.
Pure functions over the models; may import only the ground (models, errors, textsafety)."""
