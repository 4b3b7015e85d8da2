# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, models

from ..lib import scoring
from ..models.res_config_settings import get_survey_parameters


class ReportTechnicianEvaluation(models.AbstractModel):
    """Values of the technician evaluation PDF: the weights in force and
    the mean score of each item, read in one query for all evaluations."""

    _name = "report.aftersales_survey.report_technician_evaluation"
    _description = "Technician Evaluation Report"

    @api.model
    def get_report_values(self, docids, data=None):
        docs = self.env["aftersales.technician.evaluation"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": docs._name,
            "docs": docs,
            "weights": get_survey_parameters(self.env)["evaluation_weights"],
            "item_scores": docs._get_item_scores(),
            "item_labels": scoring.ITEMS,
        }
