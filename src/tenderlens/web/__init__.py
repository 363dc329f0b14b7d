"""Web face: ``tenderlens serve``, a FastAPI app that audits one uploaded draft per request and keeps nothing.

``tenderlens.web.app.create_app(settings)`` builds the app; ``tenderlens.web.settings.WebSettings`` holds a
deployment's limits and token. Nothing is imported here, so registering the ``serve`` command keeps
``tenderlens --help`` fast.
"""
