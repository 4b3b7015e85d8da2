# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models

REQUEST_TYPES = [
    ("consultation", "Consultation"),
    ("installation", "Installation"),
    ("fault", "Fault / Repair"),
    ("maintenance", "Maintenance"),
    ("complaint", "Complaint"),
    ("claim", "Claim"),
    ("return", "Return / Exchange"),
]
SERVICE_CATEGORIES = [
    ("A", "A - Paid service"),
    ("B", "B - Contract service"),
    ("C", "C - Warranty (free)"),
    ("D", "D - Internal work"),
]
CHANNELS = [
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("portal", "Customer Portal"),
    ("web", "Website"),
    ("api", "API"),
    ("walk_in", "Walk-in"),
]
PRIORITIES = [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Urgent")]

# Partner fields copied onto the ticket when it is registered, so that the
# service record keeps the contact details valid at that time.
SNAPSHOT_FIELDS = {
    "contact_name": "name",
    "contact_phone": "phone",
    "contact_mobile": "mobile",
    "contact_email": "email",
    "contact_street": "street",
    "contact_street2": "street2",
    "contact_zip": "zip",
    "contact_city": "city",
    "contact_state_id": "state_id",
    "contact_country_id": "country_id",
}


class AftersalesTicket(models.Model):
    _name = "aftersales.ticket"
    _description = "After-Sales Service Ticket"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "priority desc, date_received desc, id desc"

    def _default_stage_id(self):
        return self.env["aftersales.ticket.stage"].search([], limit=1)

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/",
        index=True,
    )
    subject = fields.Char(required=True, track_visibility="onchange")
    description = fields.Text(string="Fault Description")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True,
        track_visibility="onchange",
    )
    commercial_partner_id = fields.Many2one(
        "res.partner", related="partner_id.commercial_partner_id", store=True,
        index=True, readonly=True,
    )
    contact_name = fields.Char()
    contact_phone = fields.Char()
    contact_mobile = fields.Char()
    contact_email = fields.Char()
    contact_street = fields.Char()
    contact_street2 = fields.Char()
    contact_zip = fields.Char()
    contact_city = fields.Char()
    contact_state_id = fields.Many2one("res.country.state")
    contact_country_id = fields.Many2one("res.country")
    product_id = fields.Many2one("product.product", string="Product", index=True)
    lot_id = fields.Many2one(
        "stock.production.lot", string="Serial Number", index=True,
    )
    request_type = fields.Selection(
        REQUEST_TYPES, required=True, default="fault", index=True,
        track_visibility="onchange",
    )
    service_category = fields.Selection(
        SERVICE_CATEGORIES, required=True, default="A", index=True,
        track_visibility="onchange",
    )
    category_id = fields.Many2one(
        "aftersales.ticket.category", string="Fault Category", index=True,
        track_visibility="onchange",
    )
    priority = fields.Selection(PRIORITIES, default="1", index=True,
                                track_visibility="onchange")
    channel = fields.Selection(CHANNELS, required=True, default="phone")
    team_id = fields.Many2one(
        "aftersales.team", string="Service Team", index=True,
        track_visibility="onchange",
    )
    user_id = fields.Many2one(
        "res.users", string="Technician", index=True, track_visibility="onchange",
    )
    stage_id = fields.Many2one(
        "aftersales.ticket.stage", string="Stage", index=True,
        default=_default_stage_id, group_expand="_read_group_stage_ids",
        track_visibility="onchange", ondelete="restrict",
    )
    is_closed = fields.Boolean(related="stage_id.is_closed", store=True,
                               readonly=True, index=True)
    date_received = fields.Datetime(
        string="Received", required=True, default=fields.Datetime.now, index=True,
    )
    date_dispatched = fields.Datetime(string="Dispatched", copy=False)
    date_arrived = fields.Datetime(string="Arrived on Site", copy=False)
    date_resolved = fields.Datetime(string="Resolved", copy=False)
    date_closed = fields.Datetime(string="Closed", copy=False)
    diagnosis = fields.Text()
    resolution = fields.Text(string="Work Done")
    root_cause = fields.Text()
    attachment_ids = fields.One2many(
        "ir.attachment", "res_id", string="Attachments",
        domain=[("res_model", "=", "aftersales.ticket")],
    )
    sla_breached = fields.Boolean(
        string="SLA Breached", index=True, copy=False, readonly=True,
        track_visibility="onchange",
    )
    sla_breach_date = fields.Datetime(copy=False, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        default=lambda self: self.env["res.company"]._company_default_get(
            "aftersales.ticket"),
    )
    color = fields.Integer()

    @api.model
    def _read_group_stage_ids(self, stages, domain, order):
        return stages.search([], order=order)

    @api.model
    def _prepare_partner_snapshot(self, partner):
        """Contact values copied from the partner onto a new ticket."""
        values = {}
        for ticket_field, partner_field in SNAPSHOT_FIELDS.items():
            value = partner[partner_field]
            values[ticket_field] = value.id if isinstance(
                value, models.BaseModel) else value
        return values

    @api.model
    def create(self, vals):
        vals = dict(vals)
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code(
                "aftersales.ticket") or "/"
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            for key, value in self._prepare_partner_snapshot(partner).items():
                vals.setdefault(key, value)
        return super(AftersalesTicket, self).create(vals)

    def _compute_access_url(self):
        for ticket in self:
            ticket.access_url = "/my/tickets/%s" % ticket.id

    def name_get(self):
        return [(ticket.id, "%s - %s" % (ticket.name, ticket.subject))
                for ticket in self]
