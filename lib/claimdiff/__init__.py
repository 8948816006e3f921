"""claimdiff: compare how different outlets report the same events.

The pipeline is a chain of tables (see each function's docstring for its columns)::

    reports, rejected = load_corpus("corpus/demo")
    sentences = split_sentences(reports)
"""

from .clean import clean_text
from .corpus import Corpus, CorpusError, CorpusWarning, load_corpus
from .embed import Embedder
from .outlets import load_outlets
from .sentences import split_sentences

__all__ = ["Corpus", "CorpusError", "CorpusWarning", "Embedder", "clean_text", "load_corpus", "load_outlets", "split_sentences"]
__version__ = "0.1.0"
