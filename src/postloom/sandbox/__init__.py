"""Local simulators of the vendor APIs Postloom talks to, for tests and `postloom sandbox`.

Each simulator is a plain WSGI app that stands for a vendor: it imports nothing of Postloom's
domain, and the product reaches it only through configured base URLs.
"""
