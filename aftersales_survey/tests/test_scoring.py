# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import unittest

from ..lib import scoring


class TestScoring(unittest.TestCase):
    """The score formulas, without records."""

    def test_levels(self):
        self.assertEqual(scoring.level_score(4), 100.0)
        self.assertEqual(scoring.level_score(1), 0.0)
        self.assertAlmostEqual(scoring.level_score(3), 66.6667, places=3)
        with self.assertRaises(ValueError):
            scoring.level_score(5)

    def test_weights(self):
        self.assertIsNone(scoring.weights_error(
            {"a": 40, "b": 20, "c": 20, "d": 20}))
        self.assertTrue(scoring.weights_error({"a": 40, "b": 20, "c": 20}))
        self.assertTrue(scoring.weights_error({"a": 120, "b": -20}))

    def test_weighted_score_scales_missing_parts(self):
        self.assertAlmostEqual(scoring.weighted_score(
            {"a": 100.0, "b": 50.0}, {"a": 40, "b": 60}), 70.0)
        # b unknown: a alone
        self.assertAlmostEqual(scoring.weighted_score(
            {"a": 80.0, "b": None}, {"a": 40, "b": 60}), 80.0)
        self.assertIsNone(scoring.weighted_score({"a": None}, {"a": 40}))

    def test_evaluation_parts(self):
        parts = scoring.evaluation_scores(4, 3, 2, 1, 75.0)
        self.assertEqual(parts, {"satisfaction": 75.0, "sla": 75.0,
                                 "first_time_fix": 50.0, "complaints": 75.0})
        self.assertIsNone(scoring.evaluation_scores(0, 0, 0, 0, None)["sla"])
