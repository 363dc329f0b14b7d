"""Training and evaluation of the clause engine on the annotated corpus (``corpora/``): corpus loading,
``tenderlens train`` and ``tenderlens eval``. Not used at audit time."""
