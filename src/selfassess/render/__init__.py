"""The toolkit every document's writers share, knowing no document kind.

The jinja2 environment and template loader, users' Markdown and Markdown writing,
Word parts, tables and house style, reference documents, CSV safety, JSON documents, the view pieces
every document shows (labels, links, facts, evidence, the draft notice) and the
output folder with its one skeleton: load and check, build, write.
"""
