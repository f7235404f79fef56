"""Noisy documents with gold: clean articles dressed in boilerplate and OCR damage.

``generate_corpus(n_docs, seed)`` is the entry point; ``NoisyDocument`` says what
an ideal cleaner would keep. Used by ``bench/quality.py`` and by nothing in the
pipeline itself.
"""

from bench.noisy.articles import Article, load_articles
from bench.noisy.compose import OCR, PDF, WEB, generate_corpus
from bench.noisy.model import BODY, Damage, NoisyDocument, Span

__all__ = ["Article", "BODY", "Damage", "NoisyDocument", "OCR", "PDF", "Span", "WEB", "generate_corpus", "load_articles"]
