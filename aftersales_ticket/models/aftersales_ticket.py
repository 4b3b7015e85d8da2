# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from psycopg2 import sql

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError

from ..lib import coverage

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

# Many2one fields whose ids are checked before a create/write, so that a
# wrong id sent over RPC gets a clear message instead of a database error.
CHECKED_REFERENCES = (
    "partner_id", "product_id", "lot_id", "team_id", "user_id",
    "category_id", "stage_id", "company_id",
)
# Selection fields whose values are checked before a create/write.
CHECKED_SELECTIONS = ("request_type", "service_category", "priority", "channel")

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


class CheckedValues(dict):
    """Creation values of a ticket already checked and completed by
    ``AftersalesTicket._prepare_create_values``; see there."""


class AftersalesTicket(models.Model):
    """Service ticket, core concern: validation of incoming values, coverage
    decision, customer communication, mail gateway and portal.

    The ticket is split by concern (``aftersales_ticket_<concern>.py``, each
    ``_inherit = "aftersales.ticket"``); their ``create`` overrides chain in
    the import order of ``models/__init__.py``, the last imported running
    first. So that bad input (agent form, e-mail, portal, RPC) always gets
    the clear message of ``_check_values``, whichever override runs first:

    * an override that reads or completes the values BEFORE calling super
      starts with ``vals = self._prepare_create_values(vals)``, and then
      changes that dict in place (it is a fresh copy of the caller's);
    * ``_prepare_create_values`` is idempotent: values it returned pass
      through unchanged, so the check runs once per ticket, in the first
      override, and the core's ``create`` calls it too (it runs first when
      no concern reads the values);
    * other overrides do their work after super, on the created record.

    Values a concern adds itself after the check (the dispatch plan's
    technician, stage...) come from the database and are not checked again.
    """

    _name = "aftersales.ticket"
    _description = "After-Sales Service Ticket"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
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

    @api.onchange("lot_id")
    def _onchange_lot_id(self):
        for ticket in self:
            if ticket.lot_id:
                ticket.product_id = ticket.lot_id.product_id

    @api.model
    def create(self, vals):
        vals = self._prepare_create_values(vals)
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code(
                "aftersales.ticket") or "/"
        partner = self.env["res.partner"].browse(vals["partner_id"])
        for key, value in self._prepare_partner_snapshot(partner).items():
            vals.setdefault(key, value)
        if vals.get("stage_id") and not vals.get("date_closed") and \
                self.env["aftersales.ticket.stage"].browse(
                    vals["stage_id"]).is_closed:
            vals["date_closed"] = fields.Datetime.now()
        requested = vals.get("service_category") or self.env.context.get(
            "default_service_category")
        draft = self.new(self._prepare_coverage_draft_values(vals))
        category, reason = draft._decide_service_category(requested)
        vals["service_category"] = category
        # the customer (and others, see the hook) follow the ticket from the
        # start: in the values, rather than a subscription (a write) after
        vals["message_follower_ids"] = list(
            vals.get("message_follower_ids") or []
        ) + self._prepare_follower_commands(
            self._prepare_follower_partners(vals))
        ticket = super(AftersalesTicket, self.with_context(
            **{CREATION_TRACKING: True})).create(vals).with_env(self.env)
        if coverage.is_downgrade(requested, category):
            ticket._message_log_category_decision(requested, reason)
        ticket._send_acknowledgement()
        return ticket

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
    def write(self, vals):
        vals = dict(vals)
        self._check_values(vals, creating=False)
        self._complete_values(vals)
        entering_closed = self.browse()
        if "stage_id" in vals and "date_closed" not in vals:
            stage = self.env["aftersales.ticket.stage"].browse(vals["stage_id"])
            if stage.is_closed:
                entering_closed = self.filtered(lambda ticket: not ticket.is_closed)
                if entering_closed == self:  # usual case: one write
                    vals["date_closed"] = fields.Datetime.now()
                    entering_closed = self.browse()
            elif any(self.mapped("date_closed")):
                vals["date_closed"] = False  # reopened
        if vals.get("service_category") in ("B", "C"):
            self._check_category_coverage(vals)
        result = super(AftersalesTicket, self).write(vals)
        if entering_closed:
            entering_closed.write({"date_closed": fields.Datetime.now()})
        if vals.get("service_category") == "D":
            self._unsubscribe_customer()
        elif "partner_id" in vals or "service_category" in vals:
            self._subscribe_customer()
        return result

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
    def _prepare_create_values(self, vals):
        """The creation values ``vals``, checked (``_check_values``) and
        completed (``_complete_values``), as a new ``CheckedValues`` dict.
        Values it returned already are returned as they are, unchecked: call
        it first in any ``create`` override that uses the values before
        super (see the class docstring)."""
        if isinstance(vals, CheckedValues):
            return vals
        vals = CheckedValues(vals)
        self._check_values(vals, creating=True)
        self._complete_values(vals)
        return vals

    @api.model
    def _check_values(self, vals, creating):
        """Refuse wrong or missing values with a message a user (or an API
        client) understands, before anything is written."""
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
        self._check_references({
            field_name: vals[field_name] for field_name in CHECKED_REFERENCES
            if vals.get(field_name)})
        for field_name in CHECKED_SELECTIONS:
            if vals.get(field_name):
                self._check_selection(field_name, vals[field_name])

    @api.model
    def _check_references(self, references):
        """``references``: {many2one field name: id given}. Refuse a value
        that is not an id, or the id of no record, in one query for all."""
        for field_name in CHECKED_REFERENCES:
            value = references.get(field_name)
            if field_name in references and (
                    isinstance(value, bool) or not isinstance(value, int)):
                raise ValidationError(_(
                    "%(field)s: expected the id of a record, got %(value)r.") % {
                        "field": self._fields[field_name].string,
                        "value": value})
        names = [name for name in CHECKED_REFERENCES if name in references]
        if not names:
            return
        # Like exists(), reads no field (so it works whatever the caller may
        # read); table names are quoted identifiers, values are parameters.
        query = sql.SQL(" UNION ALL ").join(
            sql.SQL("SELECT %s FROM {} WHERE id = %s").format(sql.Identifier(
                self.env[self._fields[name].comodel_name]._table))
            for name in names)
        params = []
        for name in names:
            params += [name, references[name]]
        self.env.cr.execute(query.as_string(self.env.cr._obj), params)
        found = {row[0] for row in self.env.cr.fetchall()}
        for name in names:
            if name not in found:
                raise ValidationError(_("%(field)s #%(id)s does not exist.") % {
                    "field": self._fields[name].string,
                    "id": references[name]})

    @api.model
    def _check_selection(self, field_name, value):
        field = self._fields[field_name]
        allowed = [key for key, _label in field._description_selection(self.env)]
        if value not in allowed:
            raise ValidationError(_(
                "%(field)s: %(value)r is not one of %(allowed)s.") % {
                    "field": field.string, "value": value,
                    "allowed": ", ".join(allowed)})

    @api.model
    def _complete_values(self, vals):
        """Values implied by others: the product of the serial number."""
        if vals.get("lot_id") and not vals.get("product_id"):
            lot = self.env["stock.production.lot"].browse(vals["lot_id"])
            vals["product_id"] = lot.product_id.id

    # ------------------------------------------------------------------
    # Coverage: which service category applies (spec points 2 and 12)
    # ------------------------------------------------------------------

    @api.model
    def _prepare_coverage_draft_values(self, vals):
        """Values of the draft ticket the coverage is decided on."""
        values = {
            key: vals.get(key) for key in (
                "partner_id", "product_id", "lot_id", "company_id", "team_id",
                "request_type")
            if vals.get(key)
        }
        values["date_received"] = vals.get("date_received") or \
            fields.Datetime.now()
        return values

    @api.multi
    def _get_warranty_end_date(self):
        """Last day of warranty of the ticket's serial for its customer."""
        self.ensure_one()
        if not self.lot_id or not self.partner_id:
            return None
        return self.lot_id._get_warranty_end_date(self.partner_id)

    @api.multi
    def _is_under_warranty(self):
        self.ensure_one()
        return coverage.is_under_warranty(
            self._get_warranty_end_date(),
            fields.Datetime.from_string(self.date_received))

    @api.multi
    def _get_contract_coverage(self):
        """Hook: the maintenance contract covering this ticket (customer,
        product, serial at ``date_received``), or False. ``self`` may be a
        draft (new) record. Overridden by the contract module."""
        self.ensure_one()
        return False

    @api.multi
    def _decide_service_category(self, requested):
        """``(category, reason)`` for this ticket when ``requested`` (or no
        category, ``None``) is asked for; see ``lib/coverage.py``."""
        self.ensure_one()
        if requested in ("A", "D"):
            return coverage.decide_category(requested, False, False)
        under_warranty = self._is_under_warranty()
        under_contract = False
        if not under_warranty or requested == "B":
            under_contract = bool(self._get_contract_coverage())
        return coverage.decide_category(requested, under_warranty, under_contract)

    @api.multi
    def _check_category_coverage(self, vals):
        """A ticket may only be moved to B or C when it is covered."""
        requested = vals["service_category"]
        for ticket in self:
            values = {
                "partner_id": ticket.partner_id.id,
                "product_id": ticket.product_id.id,
                "lot_id": ticket.lot_id.id,
                "company_id": ticket.company_id.id,
                "team_id": ticket.team_id.id,
                "request_type": ticket.request_type,
                "date_received": ticket.date_received,
            }
            values.update({
                key: value for key, value in vals.items() if key in values})
            draft = self.new(self._prepare_coverage_draft_values(values))
            category, reason = draft._decide_service_category(requested)
            if category != requested:
                raise ValidationError(_(
                    "%(ticket)s cannot be in category %(requested)s: "
                    "%(reason)s") % {
                        "ticket": ticket.name, "requested": requested,
                        "reason": draft._describe_category_decision(
                            requested, category, reason)})

    @api.multi
    def _describe_category_decision(self, requested, category, reason):
        """A sentence explaining why ``category`` was given instead of
        ``requested``."""
        self.ensure_one()
        labels = dict(self._fields["service_category"]._description_selection(
            self.env))
        if requested == "C":
            end_date = self._get_warranty_end_date()
            if end_date:
                why = _("the warranty of serial number %(lot)s ended on "
                        "%(date)s.") % {"lot": self.lot_id.name,
                                        "date": fields.Date.to_string(end_date)}
            elif self.lot_id:
                why = _("no warranty was found for serial number %(lot)s "
                        "(no delivery to this customer, or no warranty "
                        "period on the product).") % {"lot": self.lot_id.name}
            else:
                why = _("no serial number is given, so no warranty applies.")
        else:
            why = _("no maintenance contract covers this request.")
        if reason == coverage.REASON_WARRANTY:
            then = _("It is under warranty: %s.") % labels[category]
        elif reason == coverage.REASON_CONTRACT:
            then = _("It is covered by a contract: %s.") % labels[category]
        else:
            then = _("It is a paid service: %s.") % labels[category]
        return "%s %s" % (why, then)

    @api.multi
    def _message_log_category_decision(self, requested, reason):
        """Chatter note when a requested free category was not granted."""
        labels = dict(self._fields["service_category"]._description_selection(
            self.env))
        for ticket in self:
            explanation = ticket._describe_category_decision(
                requested, ticket.service_category, reason)
            ticket.message_post(
                body="<p>%s</p>" % tools.html_escape(_(
                    "Requested category %(requested)s was not granted: "
                    "%(explanation)s") % {
                        "requested": labels[requested],
                        "explanation": explanation}),
                subtype="mail.mt_note")

    # ------------------------------------------------------------------
    # Customer communication; internal work (D) never reaches the customer
    # ------------------------------------------------------------------

    @api.multi
    def _get_customer_partners(self, partners):
        """The partners among ``partners`` who belong to the customer of
        the ticket (its company and contacts)."""
        self.ensure_one()
        commercial = self.commercial_partner_id or \
            self.partner_id.commercial_partner_id
        return partners.filtered(
            lambda partner: partner.commercial_partner_id == commercial)

    @api.multi
    def _subscribe_customer(self):
        """The customer follows its (non-internal) requests."""
        for ticket in self.filtered(
                lambda t: t.service_category != "D" and t.partner_id):
            if ticket.partner_id not in ticket.message_partner_ids:
                ticket.message_subscribe(partner_ids=ticket.partner_id.ids)

    @api.model
    def _prepare_follower_partners(self, vals):
        """Hook: the partners who follow a new ticket from the start, given
        its checked creation values: the customer, unless it is internal
        work (category D)."""
        partners = self.env["res.partner"]
        if vals.get("service_category") != "D":
            partners |= partners.browse(vals["partner_id"])
        return partners

    @api.model
    def _prepare_follower_commands(self, partners):
        """``message_follower_ids`` commands making ``partners`` follow a new
        ticket, without the creating user whom mail.thread's ``create``
        subscribes itself."""
        creator_follows = not (
            self.env.context.get("tracking_disable")
            or self.env.context.get("mail_create_nosubscribe"))
        if creator_follows:
            partners -= self.env.user.partner_id
        if not partners:
            return []
        return self.env["mail.followers"]._add_follower_command(
            self._name, [], dict.fromkeys(partners.ids), {}, force=True)[0]

    @api.multi
    def _unsubscribe_customer(self):
        for ticket in self:
            customers = ticket._get_customer_partners(ticket.message_partner_ids)
            if customers:
                ticket.message_unsubscribe(partner_ids=customers.ids)

    @api.multi
    def _send_acknowledgement(self):
        """E-mail the customer that its request was registered."""
        # by id: env.ref() would check the record exists, one query a ticket
        template_id = self.env["ir.model.data"].xmlid_to_res_id(
            "aftersales_ticket.mail_template_ticket_acknowledgement")
        if not template_id:
            return
        template = self.env["mail.template"].browse(template_id)
        for ticket in self:
            if ticket.service_category != "D" and ticket.partner_id.email:
                template.send_mail(ticket.id)

    @api.multi
    def message_subscribe(self, partner_ids=None, channel_ids=None,
                          subtype_ids=None, force=True):
        """The customer never follows internal work (category D).

        Subscribing, without subtypes, partners who all follow already
        changes nothing: it is skipped (as Odoo 12 does), which spares the
        write of the followers, e.g. when the activity of a ticket
        dispatched at creation subscribes its technician."""
        if partner_ids and not channel_ids and subtype_ids is None and \
                self._are_following(partner_ids):
            mode = "read" if set(partner_ids) == {
                self.env.user.partner_id.id} else "write"
            self.check_access_rights(mode)
            self.check_access_rule(mode)
            return True
        internal = self.filtered(lambda t: t.service_category == "D")
        if not partner_ids or not internal:
            return super(AftersalesTicket, self).message_subscribe(
                partner_ids=partner_ids, channel_ids=channel_ids,
                subtype_ids=subtype_ids, force=force)
        partners = self.env["res.partner"].browse(partner_ids)
        for ticket in internal:
            allowed = partners - ticket._get_customer_partners(partners)
            super(AftersalesTicket, ticket).message_subscribe(
                partner_ids=allowed.ids, channel_ids=channel_ids,
                subtype_ids=subtype_ids, force=force)
        others = self - internal
        if others:
            super(AftersalesTicket, others).message_subscribe(
                partner_ids=partner_ids, channel_ids=channel_ids,
                subtype_ids=subtype_ids, force=force)
        return True

    @api.multi
    def _are_following(self, partner_ids):
        """Whether every partner of ``partner_ids`` follows every ticket."""
        # sudo: followers of tickets the user may access (checked by caller)
        followers = self.env["mail.followers"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            ("partner_id", "in", list(partner_ids))])
        following = {(follower.res_id, follower.partner_id.id)
                     for follower in followers}
        return all((ticket_id, partner_id) in following
                   for ticket_id in self.ids for partner_id in partner_ids)

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, body="", subject=None, message_type="notification",
                     subtype=None, parent_id=False, attachments=None,
                     content_subtype="html", **kwargs):
        """No message of internal work (category D) is sent to the
        customer, even when the customer is named as a recipient."""
        if kwargs.get("partner_ids") and len(self) == 1 and \
                self.service_category == "D":
            kwargs["partner_ids"] = self._filter_internal_recipients(
                kwargs["partner_ids"])
        return super(AftersalesTicket, self).message_post(
            body=body, subject=subject, message_type=message_type,
            subtype=subtype, parent_id=parent_id, attachments=attachments,
            content_subtype=content_subtype, **kwargs)

    @api.multi
    def _filter_internal_recipients(self, partner_commands):
        """``partner_ids`` of message_post (ids or (4, id)/(6, 0, ids)
        commands) without the customer's partners."""
        partner_ids = []
        for command in partner_commands:
            if isinstance(command, int):
                partner_ids.append(command)
            elif command[0] == 4:
                partner_ids.append(command[1])
            elif command[0] == 6:
                partner_ids.extend(command[2])
        partners = self.env["res.partner"].browse(partner_ids)
        return (partners - self._get_customer_partners(partners)).ids

    @api.multi
    def message_get_suggested_recipients(self):
        recipients = super(AftersalesTicket, self).message_get_suggested_recipients()
        for ticket in self:
            if ticket.service_category != "D" and ticket.partner_id:
                ticket._message_add_suggested_recipient(
                    recipients, partner=ticket.partner_id, reason=_("Customer"))
        return recipients

    @api.multi
    def _notification_recipients(self, message, groups):
        """Customers with a portal account get a button to the ticket."""
        groups = super(AftersalesTicket, self)._notification_recipients(
            message, groups)
        for group_name, _group_func, group_data in groups:
            if group_name == "portal":
                group_data["has_button_access"] = True
        return groups

    # ------------------------------------------------------------------
    # Mail gateway: one alias per service team
    # ------------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A ticket from an e-mail sent to a team's alias. The customer is
        the partner with the sender's address, created when unknown."""
        email_from = msg_dict.get("email_from") or msg_dict.get("from") or ""
        sender = tools.email_split(email_from)
        if not sender:
            raise ValueError(_(
                "E-mail %s has no valid sender address (From); no service "
                "request was created.") % msg_dict.get("message_id"))
        values = dict(custom_values or {})
        values.update(self._prepare_values_from_email(msg_dict, values))
        return self.create(values)

    @api.model
    def _prepare_values_from_email(self, msg_dict, custom_values):
        email_from = msg_dict.get("email_from") or msg_dict.get("from")
        partner_id = msg_dict.get("author_id")
        if not partner_id:
            partner_id = self._find_partner_from_emails(
                [email_from], check_followers=False, force_create=True)[0]
        partner = self.env["res.partner"].browse(partner_id)
        subject = (msg_dict.get("subject") or "").strip() or _(
            "Request by e-mail from %s") % tools.email_split(email_from)[0]
        values = {
            "subject": subject,
            "description": tools.html2plaintext(msg_dict.get("body") or ""),
            "partner_id": partner.id,
            "contact_email": tools.email_split(email_from)[0],
            "channel": "email",
        }
        team_id = custom_values.get("team_id")
        if team_id and not custom_values.get("company_id"):
            values["company_id"] = self.env["aftersales.team"].browse(
                team_id).company_id.id
        return values

    @api.multi
    def message_update(self, msg_dict, update_vals=None):
        """A reply is appended to the ticket (by ``message_process``); a
        contact of the customer who writes in follows the ticket from then
        on, unless it is internal work."""
        result = super(AftersalesTicket, self).message_update(
            msg_dict, update_vals=update_vals)
        author = self.env["res.partner"].browse(msg_dict.get("author_id"))
        if author:
            for ticket in self.filtered(lambda t: t.service_category != "D"):
                if ticket._get_customer_partners(author) and \
                        author not in ticket.message_partner_ids:
                    ticket.message_subscribe(partner_ids=author.ids)
        return result

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
