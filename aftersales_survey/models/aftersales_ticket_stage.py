# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import fields, models


class AftersalesTicketStage(models.Model):
    _inherit = "aftersales.ticket.stage"

    no_survey = fields.Boolean(
        string="No Satisfaction Survey",
        help="Tickets closed in this stage (e.g. cancelled) get no "
             "satisfaction survey.")
