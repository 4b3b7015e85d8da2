# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class ResUsers(models.Model):
    """A technician's skills and the stock location of their van."""

    _name = "res.users"
    _inherit = ["res.users", "aftersales.mixin"]
    # the suite's links only; the model's own computed fields are base's
    _aftersales_guard_stored_computes = False

    aftersales_product_categ_ids = fields.Many2many(
        "product.category",
        "aftersales_technician_product_categ_rel",
        "user_id",
        "categ_id",
        string="Skills (product categories)",
        help="Product categories this technician is able to service; "
             "automatic assignment prefers technicians whose skills cover "
             "the ticket's product.",
    )
    aftersales_location_id = fields.Many2one(
        "stock.location",
        string="Van / Parts Location",
        domain=[("usage", "=", "internal")],
        help="Internal location holding the spare parts this technician "
             "carries; parts used on site are taken from here.",
    )
    aftersales_team_ids = fields.Many2many(
        "aftersales.team",
        "aftersales_team_member_rel",
        "user_id",
        "team_id",
        string="Service Teams",
    )

    @api.multi
    def _get_aftersales_company_ids(self):
        """Ids of the user's current company and of its sub-companies: the
        companies whose after-sales records the multi-company record rules
        open to the user. A rule calling this is evaluated once per user and
        kept in the rules' cache (cleared when a company or the user's
        company changes), where a ``child_of`` domain searches the companies
        again at every access check (dozens of times per new ticket)."""
        self.ensure_one()
        # sudo: the company tree, whatever companies the user may read
        return self.env["res.company"].sudo().search(
            [("id", "child_of", self.company_id.ids)]).ids

    @api.model
    def create(self, vals):
        # the suite's fields only: the others are base's business
        self._aftersales_check_suite_values(vals)
        return super(ResUsers, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_suite_values(vals)
        return super(ResUsers, self).write(vals)

    def _aftersales_record_companies(self, vals, fields_checked):
        """A user may link the records (teams, van) of any company he
        belongs to, not only of his current one."""
        if self.ids and "company_id" not in vals:
            # sudo: the companies of the users written
            return {frozenset((user.company_ids | user.company_id).ids)
                    for user in self.sudo()}
        return super(ResUsers, self)._aftersales_record_companies(
            vals, fields_checked)
