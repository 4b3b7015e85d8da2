# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AftersalesTeam(models.Model):
    """A node of the service network: headquarters, regional centre,
    service centre or service point, with its own zone, calendar, members,
    director and e-mail alias."""

    _name = "aftersales.team"
    _description = "After-Sales Service Team"
    _inherit = ["mail.thread", "mail.alias.mixin"]
    _parent_store = True
    _order = "parent_left, name"

    name = fields.Char(required=True, translate=True, track_visibility="onchange")
    active = fields.Boolean(default=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True)
    level = fields.Selection(
        [
            ("headquarters", "Headquarters"),
            ("region", "Regional Centre"),
            ("center", "Service Centre"),
            ("point", "Service Point"),
        ],
        required=True,
        default="center",
    )
    parent_id = fields.Many2one(
        "aftersales.team", string="Parent Team", index=True, ondelete="restrict"
    )
    child_ids = fields.One2many("aftersales.team", "parent_id", string="Sub-teams")
    parent_left = fields.Integer(index=True)
    parent_right = fields.Integer(index=True)
    zone = fields.Selection(
        [("urban", "Urban"), ("suburban", "Suburban")],
        required=True,
        default="urban",
        track_visibility="onchange",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        required=True,
        default=lambda self: self.env.user.company_id.resource_calendar_id,
    )
    member_ids = fields.Many2many(
        "res.users",
        "aftersales_team_member_rel",
        "team_id",
        "user_id",
        string="Members",
    )
    director_id = fields.Many2one(
        "res.users", string="Service Director", track_visibility="onchange"
    )
    manager_id = fields.Many2one(
        "res.users", string="Service Manager", track_visibility="onchange"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env["res.company"]._company_default_get(
            "aftersales.team"
        ),
    )
    color = fields.Integer()

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for team in self:
            if team.parent_id:
                team.complete_name = "%s / %s" % (
                    team.parent_id.complete_name,
                    team.name,
                )
            else:
                team.complete_name = team.name

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if not self._check_recursion():
            raise ValidationError(_("A team cannot be its own parent."))

    def get_alias_model_name(self, vals):
        return "aftersales.ticket"

    def get_alias_values(self):
        values = super(AftersalesTeam, self).get_alias_values()
        values["alias_defaults"] = {"team_id": self.id, "channel": "email"}
        return values

    # Voucher: cost centre of the team's service time
    analytic_account_id = fields.Many2one(
        "account.analytic.account", string="Analytic Account",
        ondelete="restrict",
        help="Cost centre receiving the time spent by this team on service "
             "tickets; created automatically when the first time is recorded.",
    )
