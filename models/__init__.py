"""Trained clause-engine artefacts (installed as ``tenderlens.models``); see README.md in this folder."""
