"""Batch face: audit thousands of documents (files, folders, OCDS data) in parallel, resumably.

``sources`` and ``ocds`` turn INPUTs into jobs, ``download`` fetches OCDS links, ``runner`` feeds them to
local processes (``pool``) or a Dask cluster (``dask_runner``) that calls ``work.audit_task`` (one
``tenderlens.audit`` per document), ``store`` keeps the results in SQLite, and ``export`` / ``summary``
read them back.
``commands`` is the CLI. No analysis happens here."""
