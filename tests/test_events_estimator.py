"""EventClusterer behaves as a scikit-learn estimator: settings (the embedder too) in __init__, fit / fit_predict."""

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.utils import estimator_checks
from test_events import SHOOTINGS, HashingEmbedder

from claimdiff.events import EventClusterer, cluster_events
from claimdiff.sentences import split_sentences


def test_the_embedder_is_a_parameter_kept_by_get_params_set_params_and_clone():
    embedder = HashingEmbedder()
    clusterer = EventClusterer(embedder, dense_weight=0.2)
    assert clusterer.get_params()["embedder"] is embedder and clusterer.get_params()["dense_weight"] == 0.2
    other = HashingEmbedder(dim=32)
    assert clusterer.set_params(embedder=other, link_threshold=0.1) is clusterer
    assert clusterer.embedder is other and clusterer.link_threshold == 0.1
    copy = clone(clusterer)
    assert copy is not clusterer and isinstance(copy.embedder, HashingEmbedder) and copy.embedder.dim == 32
    assert {k: v for k, v in copy.get_params().items() if k != "embedder"} == {
        k: v for k, v in clusterer.get_params().items() if k != "embedder"}
    assert not hasattr(copy, "labels_")


def test_a_clone_with_the_embedder_clusters_as_the_original_and_as_cluster_events():
    sentences = split_sentences(SHOOTINGS)
    clusterer = EventClusterer(HashingEmbedder(), dense_weight=0.2)
    labels = clusterer.fit_predict(SHOOTINGS, sentences)
    np.testing.assert_array_equal(labels, clusterer.labels_)
    np.testing.assert_array_equal(clone(clusterer).fit(SHOOTINGS, sentences).labels_, labels)
    assignments, _ = cluster_events(SHOOTINGS, sentences, HashingEmbedder(), dense_weight=0.2)
    np.testing.assert_array_equal(assignments["event_id"].to_numpy(), labels)
    assert clusterer.embedder.calls == 1  # the embedder given to the constructor is the one used


def test_fit_predict_returns_the_labels_of_fit():
    clusterer = EventClusterer()
    labels = clusterer.fit_predict(SHOOTINGS)
    assert labels.dtype == np.int64 and len(labels) == len(SHOOTINGS)
    np.testing.assert_array_equal(labels, EventClusterer().fit(SHOOTINGS).labels_)


def test_the_dense_channel_without_an_embedder_is_refused():
    with pytest.raises(ValueError, match="needs the sentences table and an embedder"):
        EventClusterer(dense_weight=0.2).fit(SHOOTINGS, split_sentences(SHOOTINGS))


# The checks of scikit-learn that are about parameters; the others feed numeric arrays as X, which a clusterer of
# report tables does not take.
PARAMETER_CHECKS = ["check_parameters_default_constructible", "check_no_attributes_set_in_init",
                    "check_get_params_invariance", "check_set_params"]


@pytest.mark.parametrize("check", PARAMETER_CHECKS)
def test_scikit_learn_parameter_checks_pass(check):
    getattr(estimator_checks, check)("EventClusterer", EventClusterer())
