"""assess: decide, touchpoint by touchpoint, whether to automate, assist or keep it human."""

__version__ = "0.2.0"
