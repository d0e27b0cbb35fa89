"""The self-assessment document: build -> view -> HTML, Markdown, Word, CSV, and the gap list.

build.py checks an assessment and builds its files; makeview.py makes the typed view
(view.py) the writers read: html.py, markdown.py, word.py, csvfiles.py, summaryjson.py;
gaps.py, gapstext.py and owed.py the internal list of what is owed.
"""
