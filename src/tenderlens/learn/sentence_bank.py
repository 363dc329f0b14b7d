"""Training input: contrast sets — groups of labelled sentences (``corpora/sentences/*.json``) in which each sentence
changes one thing (modality, whose duty a negation removes, who an exception is for) and with it the label.

They teach the sentence models what decides a label rather than which words co-occur with it, and they go into
training only: no document-level figure is computed on them. A group's ``heading`` is read as the clause heading,
or, when it ends in a colon ("The Supplier shall not:"), as the lead-in its sentences complete, as the segment stage
reads a list.
"""

from __future__ import annotations

import json
from pathlib import Path

from tenderlens.exceptions import FileAccessError, InputFileError
from tenderlens.learn.corpus import LabelledSentence
from tenderlens.segment.lists import OPENS_LIST

SENTENCE_BANKS = Path("corpora/sentences")
"""Where ``tenderlens train`` looks for contrast sets by default."""


def load_sentence_bank(folder: Path = SENTENCE_BANKS) -> list[LabelledSentence]:
    """Every sentence of every ``*.json`` contrast set in ``folder`` (none when the folder does not exist), sorted
    by file."""
    sentences = []
    for path in sorted(Path(folder).glob("*.json")) if Path(folder).is_dir() else []:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise FileAccessError(f"{path}: {exc.strerror or exc}") from exc
        except json.JSONDecodeError as exc:
            raise InputFileError(f"{path}: not valid JSON ({exc}).") from exc
        for group in raw["groups"]:
            heading = group.get("heading")
            lead_in = heading if heading and OPENS_LIST.search(heading) else None
            for sentence in group["sentences"]:
                labels = {lab["category"]: lab["status"] for lab in sentence["labels"]}
                sentences.append(
                    LabelledSentence(
                        f"{path.stem}:{group['id']}",
                        sentence["text"],
                        labels,
                        None if lead_in else heading,
                        lead_in,
                    )
                )
    return sentences
