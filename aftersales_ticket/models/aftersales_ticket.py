# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

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


# Context key set on the core ``create``: mail.thread then tracks only the
# fields of ``_get_creation_tracked_fields`` in the creation message.
CREATION_TRACKING = "aftersales_creation_tracking"


# The creation pipeline, in order (see ``create`` and
# docs/architecture.md): each step returns values merged into the creation
# values; then, on the new tickets, the after-create steps.
CREATE_STEPS = (
    "_prepare_complete_values",  # number, contact snapshot, company
    "_prepare_classify_values",  # coverage: category, SLA tier, contract
    "_prepare_route_values",  # service team
    "_prepare_plan_values",  # technician, planned visit
)
AFTER_CREATE_STEPS = (
    "_after_create_messages",  # category note, acknowledgement
    "_after_create_dispatch",  # the technician's activity
    "_after_create_escalation",  # repeat and serious complaints
    "_after_create_sla",  # clock paused, or breached from the start
)
# The write pipeline's steps after the write, in order (see ``write``).
AFTER_WRITE_STEPS = (
    "_after_write_messages",  # customer follows or not
    "_after_write_kpi",  # visits and reopenings
    "_after_write_voucher",  # signature tracked
    "_after_write_escalation",  # new and serious complaints
    "_after_write_sla",  # pauses, deadlines
)


class AftersalesTicket(models.Model):
    """Service ticket, core concern: fields, the creation and write
    pipelines, validation of incoming values, access.

    The ticket is split by concern (``aftersales_ticket_<concern>.py``, each
    ``_inherit = "aftersales.ticket"``: coverage, dispatch, SLA, voucher,
    complaints, claims, KPI, mail). None of them overrides ``create`` or
    ``write``: they implement the steps and hooks these call, in the order
    written here (``CREATE_STEPS``, ``AFTER_CREATE_STEPS``,
    ``AFTER_WRITE_STEPS``), so that it does not depend on the import order.
    """

    _name = "aftersales.ticket"
    _description = "After-Sales Service Ticket"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin",
                "aftersales.mixin"]
    _order = "priority desc, date_received desc, id desc"
    # customers follow their requests on the portal and may post there
    _mail_post_access = "read"

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
    # No default: a ticket created without a category gets the one its
    # coverage (warranty, contract) gives it, see _decide_service_category.
    service_category = fields.Selection(
        SERVICE_CATEGORIES, required=True, index=True,
        track_visibility="onchange",
        help="A: paid service, B: covered by a maintenance contract, "
             "C: under warranty (free), D: internal work, never shown to "
             "the customer. Left empty, it is set from the warranty of the "
             "serial number and the customer's contracts.",
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

    def _compute_portal_url(self):
        for ticket in self:
            ticket.portal_url = "/my/tickets/%s" % ticket.id

    @api.constrains("lot_id", "product_id")
    def _check_lot_product(self):
        for ticket in self:
            if ticket.lot_id and ticket.lot_id.product_id != ticket.product_id:
                raise ValidationError(_(
                    "Serial number %(lot)s is a serial of %(lot_product)s, "
                    "not of %(product)s.") % {
                        "lot": ticket.lot_id.name,
                        "lot_product": ticket.lot_id.product_id.display_name,
                        "product": ticket.product_id.display_name or _("no product"),
                })

    @api.onchange("partner_id", "product_id", "lot_id", "date_received")
    def _onchange_coverage(self):
        """Propose the category the coverage gives; internal work stays."""
        for ticket in self:
            if ticket.partner_id and ticket.service_category != "D":
                ticket.service_category = ticket._decide_service_category(None)[0]

    @api.onchange("partner_id")
    def _onchange_partner_id_contact(self):
        """The form takes the contact details of the customer chosen (the
        creation fills the ones still empty, whatever the channel)."""
        for ticket in self.filtered("partner_id"):
            for ticket_field, partner_field in SNAPSHOT_FIELDS.items():
                ticket[ticket_field] = ticket.partner_id[partner_field]

    @api.onchange("lot_id")
    def _onchange_lot_id(self):
        for ticket in self:
            if ticket.lot_id:
                ticket.product_id = ticket.lot_id.product_id

    @api.onchange("partner_id", "lot_id")
    def _onchange_lot_customer(self):
        """Warn when the serial chosen is not a unit delivered to the
        customer: its coverage and warranty would be another unit's."""
        if not self.lot_id or not self.partner_id:
            return {}
        customers = self.lot_id._get_delivered_customers().get(
            self.lot_id.id, set())
        if self.partner_id.commercial_partner_id.id in customers:
            return {}
        return {"warning": {
            "title": _("Not this customer's unit"),
            "message": self._lot_customer_message(
                self.lot_id, self.partner_id, bool(customers))}}

    @api.model
    def _lot_customer_message(self, lot, partner, other_customer):
        if other_customer:
            return _(
                "Serial number %(lot)s was delivered to another customer, "
                "not to %(partner)s: its coverage and warranty are not "
                "theirs. Choose one of %(partner)s's serials.") % {
                    "lot": lot.name, "partner": partner.display_name}
        return _(
            "Serial number %(lot)s was never delivered to %(partner)s: no "
            "warranty can be found for it.") % {
                "lot": lot.name, "partner": partner.display_name}

    def _check_lot_customer(self, vals, creating):
        """Refuse a serial delivered to another customer (its coverage and
        warranty are not this customer's); a serial never delivered to
        anyone (sold elsewhere) stays possible, without warranty."""
        if not vals.get("lot_id") and not (
                vals.get("partner_id") and not creating):
            return
        Lot = self.env["stock.production.lot"]
        Partner = self.env["res.partner"]
        pairs = [(Lot.browse(vals["lot_id"]),
                  Partner.browse(vals["partner_id"]))] if creating else [
            (Lot.browse(vals["lot_id"]) if vals.get("lot_id")
             else ticket.lot_id,
             Partner.browse(vals["partner_id"]) if vals.get("partner_id")
             else ticket.partner_id) for ticket in self]
        lots = Lot.browse()
        for lot, _partner in pairs:
            lots |= lot
        customers = lots._get_delivered_customers()
        for lot, partner in pairs:
            delivered = customers.get(lot.id)
            if lot and partner and delivered and \
                    partner.commercial_partner_id.id not in delivered:
                raise ValidationError(self._lot_customer_message(
                    lot.sudo(), partner.sudo(), True))

    # ------------------------------------------------------------------
    # The creation and write pipelines. Every concern (dispatch, SLA,
    # complaints, voucher, KPI) and every addon (repairs, contracts,
    # surveys) contributes through the named hooks below; the order is
    # written here, once (see docs/architecture.md).
    # ------------------------------------------------------------------

    @api.model
    def create(self, vals):
        """Register a service request, whatever the channel: check the
        values, complete them (number, contact snapshot), classify (coverage
        and category), route to a team, plan the dispatch, insert (with the
        SLA deadlines and stored figures), then tell whom it concerns."""
        given = dict(vals)
        vals = dict(vals)
        self._check_values(vals, creating=True)
        for step in CREATE_STEPS:
            vals.update(getattr(self, step)(vals))
        # what the automation filled, rather than the caller
        automated = {name for name, value in vals.items()
                     if value and not given.get(name)}
        context = dict(self._prepare_create_context(vals, automated),
                       **{CREATION_TRACKING: True})
        vals["message_follower_ids"] = list(
            vals.get("message_follower_ids") or []
        ) + self._prepare_follower_commands(
            self.with_context(**context)._prepare_follower_partners(vals))
        ticket = super(AftersalesTicket, self.with_context(**context)).create(
            vals).with_env(self.env)
        requested = given.get("service_category") or self.env.context.get(
            "default_service_category")
        for step in AFTER_CREATE_STEPS:
            getattr(ticket, step)(vals, automated, requested)
        if self.env["aftersales.ticket.stage"].browse(
                vals.get("stage_id")).is_closed:
            ticket._on_ticket_closed()
        ticket._after_create(vals)
        return ticket

    @api.model
    def _prepare_complete_values(self, vals):
        """Pipeline step "complete": the number, the product of the serial,
        the company, the contact details of the customer (snapshot: the
        record keeps them as they were when the request came in, filled
        wherever they are empty) and the closing date of a ticket created
        closed."""
        values = self._complete_values(vals)
        if vals.get("name", "/") == "/":
            values["name"] = self.env["ir.sequence"].next_by_code(
                "aftersales.ticket") or "/"
        if not vals.get("company_id"):
            values["company_id"] = self.default_get(["company_id"]).get(
                "company_id")
        partner = self.env["res.partner"].browse(vals["partner_id"])
        for key, value in self._prepare_partner_snapshot(partner).items():
            if not vals.get(key):
                values[key] = value
        if vals.get("stage_id") and not vals.get("date_closed") and \
                self.env["aftersales.ticket.stage"].browse(
                    vals["stage_id"]).is_closed:
            values["date_closed"] = fields.Datetime.now()
        return values

    @api.model
    def _prepare_classify_values(self, vals):
        """Pipeline step "classify": the coverage of the request (warranty,
        covering contract, SLA tier), computed once, and the service
        category it gives (see aftersales_ticket_coverage.py)."""
        return {}

    @api.model
    def _prepare_route_values(self, vals):
        """Pipeline step "route": the service team (see dispatch)."""
        return {}

    @api.model
    def _prepare_plan_values(self, vals):
        """Pipeline step "plan": the technician, stage and planned visit of
        a request dispatched at once (see dispatch)."""
        return {}

    @api.model
    def _prepare_create_context(self, vals, automated):
        """Hook: context keys under which the new ticket is inserted, given
        its final values and the fields the pipeline filled itself.

        The creation message is the one tracking the initial values (stage,
        team, technician...): mail.thread's separate "created" log line is
        left out (a second message, about 30 queries), unless tracking is
        off and it is the only trace."""
        tracking = not (self.env.context.get("tracking_disable")
                        or self.env.context.get("mail_notrack"))
        return {"mail_create_nolog": True} if tracking else {}

    def _after_create_messages(self, vals, automated, requested):
        """After-create step: the messages about the registration (see
        aftersales_ticket_mail.py and aftersales_ticket_coverage.py)."""

    def _after_create_dispatch(self, vals, automated, requested):
        """After-create step: the technician of a dispatched request is
        told (see dispatch)."""

    def _after_create_escalation(self, vals, automated, requested):
        """After-create step: complaints are escalated (see complaints)."""

    def _after_create_sla(self, vals, automated, requested):
        """After-create step: the SLA clock of a ticket registered waiting
        or late (see SLA)."""

    def _after_create(self, vals):
        """Hook for other addons: the new tickets, after every step of the
        core's pipeline."""

    @api.model
    def _create(self, vals):
        """Insert the ticket with the stored computed fields whose value is
        known from the creation values (``_prepare_precomputed_values``):
        they are written by the INSERT instead of being recomputed after it,
        one UPDATE and one access check each. The values are computed here,
        from the final values, so that a caller cannot set them."""
        vals.update(self._prepare_insert_values(vals))
        precomputed = self._prepare_precomputed_values(vals)
        if not precomputed:
            return super(AftersalesTicket, self)._create(vals)
        vals.update(precomputed)
        with self.env.norecompute():
            ticket_id = super(AftersalesTicket, self)._create(vals)
        ticket = self.browse(ticket_id)
        for name in precomputed:
            ticket._recompute_done(self._fields[name])
        if self.env.recompute and self.env.context.get("recompute", True):
            ticket.recompute()
        return ticket_id

    @api.model
    def _prepare_insert_values(self, vals):
        """Hook: values of a new ticket derived from its final creation
        values (defaults included, stored fields only), inserted with it
        rather than written after (e.g. the SLA deadlines)."""
        return {}

    @api.model
    def _prepare_precomputed_values(self, vals):
        """Hook: {stored computed field: value} of a new ticket, computed
        from its final creation values (stored fields only) exactly as its
        compute method would; fields whose value depends on records created
        with the ticket (one2many commands) must be left out."""
        values = {}
        if vals.get("partner_id"):
            values["commercial_partner_id"] = self.env["res.partner"].browse(
                vals["partner_id"]).commercial_partner_id.id
        if "stage_id" in vals:
            values["is_closed"] = bool(vals["stage_id"]) and \
                self.env["aftersales.ticket.stage"].browse(
                    vals["stage_id"]).is_closed
        if not vals.get("activity_ids"):
            values["activity_date_deadline"] = False
        return values

    @api.multi
    @api.multi
    def write(self, vals):
        """Check, complete, then write; each concern compares what it needs
        before and after (``_before_write`` / ``AFTER_WRITE_STEPS``), and
        the stage hooks run on the tickets whose stage changed."""
        vals = dict(vals)
        self._check_values(vals, creating=False)
        vals.update(self._prepare_write_values(vals))
        closing = reopening = self.browse()
        previous_stages = {}
        if "stage_id" in vals:
            stage = self.env["aftersales.ticket.stage"].browse(vals["stage_id"])
            previous_stages = {ticket.id: ticket.stage_id.id for ticket in self}
            if stage.is_closed:
                closing = self.filtered(lambda ticket: not ticket.is_closed)
                closing._check_can_close()
                if closing == self and "date_closed" not in vals:
                    vals["date_closed"] = fields.Datetime.now()  # one write
            else:
                reopening = self.filtered("is_closed")
                if "date_closed" not in vals and any(
                        self.mapped("date_closed")):
                    vals["date_closed"] = False
        if vals.get("service_category") in ("B", "C"):
            self._check_category_coverage(vals)
        before = self._before_write(vals)
        with self._aftersales_concurrent_guard():
            result = super(AftersalesTicket, self).write(vals)
        if closing and "date_closed" not in vals:
            closing.write({"date_closed": fields.Datetime.now()})
        for step in AFTER_WRITE_STEPS:
            getattr(self, step)(vals, before)
        if previous_stages:
            changed = self.filtered(
                lambda ticket: ticket.stage_id.id != previous_stages[ticket.id])
            if changed:
                changed._on_stage_changed(previous_stages)
            if reopening:
                reopening._on_ticket_reopened()
            if closing:
                closing._on_ticket_closed()
        self._after_write(vals, before)
        return result

    @api.model
    def _prepare_write_values(self, vals):
        """Hook: values implied by those written (the product of a serial;
        the signing date of a signature...)."""
        return self._complete_values(vals)

    def _before_write(self, vals):
        """Hook: ``{key: what a concern needs to compare after the write}``,
        read before it. Each concern adds its own key."""
        return {}

    def _after_write_messages(self, vals, before):
        """After-write step: the customer follows, or stops following (see
        aftersales_ticket_mail.py)."""

    def _after_write_kpi(self, vals, before):
        """After-write step: visits and reopenings counted (see KPI)."""

    def _after_write_voucher(self, vals, before):
        """After-write step: the signature is tracked (see voucher)."""

    def _after_write_escalation(self, vals, before):
        """After-write step: new and serious complaints (see complaints)."""

    def _after_write_sla(self, vals, before):
        """After-write step: pauses and deadlines (see SLA)."""

    def _after_write(self, vals, before):
        """Hook for other addons: the written tickets, after every step of
        the core's pipeline."""

    # ------------------------------------------------------------------
    # Stage hooks, for the concerns and the other addons
    # ------------------------------------------------------------------

    def _check_can_close(self):
        """Hook: raise a ``UserError`` when one of these tickets, about to
        enter a closing stage, may not be closed yet (e.g. its product is
        still in the workshop)."""

    def _on_stage_changed(self, previous_stage_ids):
        """Hook: the tickets whose stage just changed;
        ``previous_stage_ids`` is ``{ticket id: stage id before}``."""

    def _on_ticket_closed(self):
        """Hook: the tickets that just entered a closing stage (at creation
        or by a write), e.g. to send the satisfaction survey."""

    def _on_ticket_reopened(self):
        """Hook: the tickets that just left a closing stage."""

    @api.model
    def _get_tracked_fields(self, updated_fields):
        """At creation, only the fields of ``_get_creation_tracked_fields``
        are tracked: the others show what the user has just typed, and would
        cost one tracking value each in every creation message."""
        tracked = super(AftersalesTicket, self)._get_tracked_fields(
            updated_fields)
        if self.env.context.get(CREATION_TRACKING):
            creation_fields = self._get_creation_tracked_fields()
            tracked = {name: description
                       for name, description in tracked.items()
                       if name in creation_fields}
        return tracked

    @api.model
    def _get_creation_tracked_fields(self):
        """Hook: tracked fields shown in the creation message of a ticket,
        those set by the automation (routing, dispatch) rather than typed."""
        return {"team_id", "user_id", "stage_id", "date_planned"}

    def name_get(self):
        return [(ticket.id, "%s - %s" % (ticket.name, ticket.subject))
                for ticket in self]

    @api.multi
    def get_access_action(self, access_uid=None):
        """Customers (portal users) who may read the ticket open it on the
        portal rather than in the back-end."""
        self.ensure_one()
        # sudo: the recipient's ``share`` flag, whoever sends the link
        user = self.env["res.users"].sudo().browse(access_uid) if access_uid \
            else self.env.user
        if user.share and self._is_readable_by(user):
            return {
                "type": "ir.actions.act_url",
                "url": self.portal_url,
                "target": "self",
                "res_id": self.id,
            }
        return super(AftersalesTicket, self).get_access_action(access_uid)

    @api.multi
    def _is_readable_by(self, user):
        """Whether ``user`` may read the ticket (access rights and rules)."""
        self.ensure_one()
        ticket = self.sudo(user)  # as that user, to check its own rights
        if not ticket.check_access_rights("read", raise_exception=False):
            return False
        try:
            ticket.check_access_rule("read")
        except AccessError:
            return False
        return True

    @api.multi
    def get_portal_link(self):
        """Absolute address of the ticket on the customer portal (used in
        e-mails, which are read outside Odoo)."""
        self.ensure_one()
        # sudo: the base URL is a system parameter any sender may need
        base_url = self.env["ir.config_parameter"].sudo().get_param(
            "web.base.url", default="")
        return "%s%s" % (base_url.rstrip("/"), self.portal_url)

    # ------------------------------------------------------------------
    # Validation of incoming values (agent form, e-mail, portal, RPC)
    # ------------------------------------------------------------------

    @api.model
    def _check_values(self, vals, creating):
        """Pipeline step "check": refuse wrong or missing values with a
        message a user (or an API client) understands, before anything is
        written: every field by its type (``_aftersales_check_field_values``),
        then the rules of a service request."""
        if creating:
            if not vals.get("partner_id"):
                raise ValidationError(_(
                    "A service request needs a customer (partner_id)."))
            if "subject" not in vals:
                raise ValidationError(_(
                    "A service request needs a subject: a short summary of the "
                    "problem."))
        if "subject" in vals:
            subject = vals["subject"]
            if not isinstance(subject, str) or not subject.strip():
                raise ValidationError(_(
                    "A service request needs a subject: a short summary of the "
                    "problem."))
        if "partner_id" in vals and not vals["partner_id"]:
            raise ValidationError(_("A service request cannot lose its customer."))
        self._aftersales_check_field_values(vals)
        self._aftersales_guard_values(vals, creating)
        self._check_lot_customer(vals, creating)

    @api.model
    def _complete_values(self, vals):
        """Values implied by others: the product of the serial number."""
        if vals.get("lot_id") and not vals.get("product_id"):
            lot = self.env["stock.production.lot"].browse(vals["lot_id"])
            return {"product_id": lot.product_id.id}
        return {}

    @api.model
    def _browse_active_tickets(self):
        """The tickets a wizard was opened on (list selection or form)."""
        if self.env.context.get("active_model") != self._name:
            return self.browse()
        return self.browse(self.env.context.get("active_ids") or [])

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
