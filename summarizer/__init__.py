"""newsbrief summarizer: faithful summaries, key figures and attributed quotes.

A library usable without the bot: ``from summarizer.analysis import Analyzer``.
"""
