# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Score formulas of the satisfaction survey and the technician
evaluation, in plain Python (no records)."""
import math

# The four items the technician is rated on, in the survey's order.
ITEMS = [
    ("attitude", "Attitude"),
    ("skill", "Skill"),
    ("arrival", "Arrival Time"),
    ("promise", "Keeping Promises"),
]
# The four levels of each item, best first: level -> score out of 100.
LEVELS = [
    (4, "Very satisfied"),
    (3, "Satisfied"),
    (2, "Dissatisfied"),
    (1, "Very dissatisfied"),
]
LOWEST_LEVEL = 1
LEVEL_SCORES = {4: 100.0, 3: 2 * 100.0 / 3, 2: 100.0 / 3, 1: 0.0}

# The parts of the monthly evaluation, with their default weight (%).
EVALUATION_PARTS = [
    ("satisfaction", 40),
    ("sla", 20),
    ("first_time_fix", 20),
    ("complaints", 20),
]


def level_score(level):
    """Score out of 100 of a level (4 = very satisfied ... 1 = very
    dissatisfied)."""
    if level not in LEVEL_SCORES:
        raise ValueError("Unknown satisfaction level %r" % (level,))
    return LEVEL_SCORES[level]


def weights_error(weights):
    """None when ``weights`` (``{name: percent}``) are each between 0 and
    100 and sum to 100, else the reason in English."""
    for name, weight in weights.items():
        if not is_finite_number(weight):
            return "weight %s is not a number" % name
        if weight < 0 or weight > 100:
            return "weight %s is out of 0-100" % name
    if abs(sum(weights.values()) - 100.0) > 1e-6:
        return "weights sum to %s, not 100" % sum(weights.values())
    return None


def is_finite_number(value):
    """Whether ``value`` is a real, finite number (not a text, a boolean,
    NaN or an infinity)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) \
        and math.isfinite(value)


def weighted_score(scores, weights):
    """Weighted mean of ``scores`` (``{name: score or None}``) with
    ``weights`` (``{name: percent}``); parts without a score (None) are
    left out and the other weights scaled up. None when nothing is
    scored."""
    total_weight = sum(weights.get(name, 0) for name, score in scores.items()
                       if score is not None)
    if not total_weight:
        return None
    return sum(score * weights.get(name, 0) for name, score in scores.items()
               if score is not None) / float(total_weight)


def complete_weighted_score(scores, weights):
    """``weighted_score`` when every weighted part has a score, else None:
    a month without survey answers (or without tickets) has no evaluation
    score rather than one made of the other parts only."""
    if any(score is None and weights.get(name, 0)
           for name, score in scores.items()):
        return None
    return weighted_score(scores, weights)


def rate(part, whole):
    """``part`` / ``whole`` in percent, None when ``whole`` is 0."""
    if not whole:
        return None
    return 100.0 * part / whole


def evaluation_scores(closed, sla_met, first_time_fixed, with_complaint,
                      satisfaction):
    """The four parts of a technician's month, each out of 100:
    satisfaction (mean overall survey score, None without answers), SLA
    compliance and first-time fix (rates of the closed tickets), complaints
    (100 minus the rate of closed tickets that led to a complaint)."""
    complaint_rate = rate(with_complaint, closed)
    return {
        "satisfaction": satisfaction,
        "sla": rate(sla_met, closed),
        "first_time_fix": rate(first_time_fixed, closed),
        "complaints": None if complaint_rate is None else 100.0 - complaint_rate,
    }
