"""A live preview: render files into a temporary folder, serve it, render again on a save.

kinds.py says how each kind of file is checked and built; site.py keeps what is served
and what each file depends on; watch.py notices saved files; pages.py writes the index,
the problems and the reload script that only served pages carry; http.py serves them.
"""
