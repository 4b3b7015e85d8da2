# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Assignments a ticket refuses, whoever sends them (form, RPC, import):
a customer (portal user) as technician, a team of another company."""
from odoo import _, models
from odoo.exceptions import ValidationError


# The ticket is split by concern, one inheriting class per file (COMMON.md).
# pylint: disable=consider-merging-classes-inherited
class AftersalesTicket(models.Model):
    _inherit = "aftersales.ticket"
    # the team's company is compared below, with its own message
    _aftersales_company_checked_fields = ("team_id",)

    def _aftersales_check_business_values(self, vals, creating):
        if vals.get("user_id"):
            # sudo: whether the user is internal, whoever assigns him
            user = self.env["res.users"].sudo().browse(vals["user_id"])
            if user.share:
                raise ValidationError(_(
                    "%s is not an internal user: a customer cannot be the "
                    "technician of a ticket.") % user.name)
        if vals.get("team_id") or (vals.get("company_id") and not creating):
            self._check_team_company(vals, creating)
        return super(AftersalesTicket, self)._aftersales_check_business_values(
            vals, creating)

    def _check_team_company(self, vals, creating):
        Team = self.env["aftersales.team"].sudo()  # its company, read only
        Company = self.env["res.company"]
        if creating:
            company_id = vals.get("company_id") or self.default_get(
                ["company_id"]).get("company_id")
            pairs = [(Team.browse(vals["team_id"]),
                      Company.browse(company_id))]
        else:
            pairs = [(Team.browse(vals["team_id"]) if "team_id" in vals
                      else ticket.team_id.sudo(),
                      Company.browse(vals["company_id"])
                      if "company_id" in vals else ticket.company_id)
                     for ticket in self]
        for team, company in pairs:
            if team.company_id and company and team.company_id != company:
                raise ValidationError(_(
                    "Team %(team)s belongs to %(team_company)s, not to "
                    "%(company)s: choose a team of the ticket's company.") % {
                        "team": team.name, "team_company": team.company_id.name,
                        "company": company.sudo().name})
