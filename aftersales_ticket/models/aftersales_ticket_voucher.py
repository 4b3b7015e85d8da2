# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
import base64
import binascii
import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import payer

LABOUR_PRODUCT_XMLID = "aftersales_ticket.product_product_onsite_labour"
# Set by the voucher's actions only (see aftersales.mixin).
VOUCHER_WORKFLOW_FIELDS = ("date_invoiced", "invoice_ids", "picking_ids",
                           "signed_on")
# What a customer signature may be: the drawing of the signature pad, a
# PNG or JPEG image (first bytes), of reasonable size.
SIGNATURE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
MAX_SIGNATURE_BYTES = 1024 * 1024
MAX_SIGNER_NAME = 128
# Cost figures stored on the ticket, by source (see _get_cost_amounts).
LABOUR_COSTS = ("labour_hours", "labour_cost")
PARTS_COSTS = ("parts_cost", "parts_amount")


def _as_datetime(value):
    """A datetime of a value already checked by type (text or datetime)."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    return fields.Datetime.from_string(value)


def is_billable_category(category):
    """Whether work on a ticket of service ``category`` is invoiced to the
    customer (lib/payer.py decides who pays)."""
    return bool(category) and payer.is_billable(
        payer.payer_of_category(category)[0])


# The ticket is split by concern, one inheriting class per file.
# pylint: disable=consider-merging-classes-inherited
class AftersalesTicket(models.Model):
    """On-site service voucher: arrival, time, parts, fees, signature."""

    _inherit = "aftersales.ticket"

    timesheet_ids = fields.One2many(
        "account.analytic.line", "aftersales_ticket_id", string="Time Spent",
    )
    part_ids = fields.One2many(
        "aftersales.ticket.part", "ticket_id", string="Parts Used", copy=False,
    )
    picking_ids = fields.One2many(
        "stock.picking", "aftersales_ticket_id", string="Parts Pickings",
        readonly=True,
    )
    invoice_ids = fields.One2many(
        "account.invoice", "aftersales_ticket_id", string="Invoices",
        readonly=True,
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id", readonly=True,
    )
    labour_hours = fields.Float(
        compute="_compute_labour", store=True, string="Hours Spent",
    )
    labour_cost = fields.Monetary(
        compute="_compute_labour", store=True,
        help="Cost of the time spent, at the labour product's cost.",
    )
    parts_cost = fields.Monetary(
        compute="_compute_parts", store=True,
        help="Cost of the parts used, charged to the customer or not.",
    )
    parts_amount = fields.Monetary(
        compute="_compute_parts", store=True, string="Parts Fee",
        help="Parts at the customer's prices, untaxed.",
    )
    total_cost = fields.Monetary(compute="_compute_total_cost", store=True)
    labour_amount = fields.Monetary(
        compute="_compute_fees", string="Labour Fee",
        help="Hours spent at the labour product's list price, untaxed.",
    )
    fee_amount = fields.Monetary(
        compute="_compute_fees", string="Fees (untaxed)",
        help="What the customer pays before taxes: labour and parts on paid "
             "(A) jobs, nothing on contract, warranty or internal jobs.",
    )
    picking_count = fields.Integer(compute="_compute_picking_count",
                                   groups="stock.group_stock_user")
    invoice_count = fields.Integer(compute="_compute_invoice_count",
                                   groups="account.group_account_invoice")
    timesheet_count = fields.Integer(compute="_compute_timesheet_count")
    date_invoiced = fields.Datetime(string="Invoiced on", readonly=True,
                                    copy=False)
    customer_signature = fields.Binary(attachment=True, copy=False)
    signed_by = fields.Char(copy=False, track_visibility="onchange")
    signed_on = fields.Datetime(copy=False, readonly=True)

    @api.depends("timesheet_ids.unit_amount", "timesheet_ids.amount")
    def _compute_labour(self):
        amounts = self._get_cost_amounts(LABOUR_COSTS)
        for ticket in self:
            ticket.labour_hours = amounts[ticket.id]["labour_hours"]
            ticket.labour_cost = amounts[ticket.id]["labour_cost"]

    @api.depends("part_ids.cost_subtotal", "part_ids.price_subtotal")
    def _compute_parts(self):
        amounts = self._get_cost_amounts(PARTS_COSTS)
        for ticket in self:
            ticket.parts_cost = amounts[ticket.id]["parts_cost"]
            ticket.parts_amount = amounts[ticket.id]["parts_amount"]

    def _get_cost_amounts(self, kinds):
        """Hook, the cost sources of the tickets: ``{ticket id: {kind:
        amount}}`` for the ``kinds`` asked (of ``labour_hours``,
        ``labour_cost``, ``parts_cost``, ``parts_amount``). The voucher's time
        lines and parts here, by one read_group each; other addons add their
        own sources (workshop repairs) to the amounts of ``super()`` and call
        ``_recompute_costs()`` when one changes."""
        amounts = {ticket.id: dict.fromkeys(kinds, 0.0) for ticket in self}
        ids = [ticket_id for ticket_id in self.ids if isinstance(ticket_id, int)]
        if not ids:
            return amounts
        if set(kinds) & set(LABOUR_COSTS):
            for group in self.env["account.analytic.line"].read_group(
                    [("aftersales_ticket_id", "in", ids)],
                    ["aftersales_ticket_id", "unit_amount", "amount"],
                    ["aftersales_ticket_id"]):
                total = amounts[group["aftersales_ticket_id"][0]]
                total["labour_hours"] = group["unit_amount"] or 0.0
                total["labour_cost"] = -(group["amount"] or 0.0)
        if set(kinds) & set(PARTS_COSTS):
            for group in self.env["aftersales.ticket.part"].read_group(
                    [("ticket_id", "in", ids)],
                    ["ticket_id", "cost_subtotal", "price_subtotal"],
                    ["ticket_id"]):
                total = amounts[group["ticket_id"][0]]
                total["parts_cost"] = group["cost_subtotal"] or 0.0
                total["parts_amount"] = group["price_subtotal"] or 0.0
        return amounts

    def _recompute_costs(self):
        """Recompute the stored cost figures of these tickets now: for cost
        sources outside the ticket's own lines (see ``_get_cost_amounts``).
        The cached figures are forgotten first: ``recompute`` would keep a
        value already read in this transaction."""
        names = LABOUR_COSTS + PARTS_COSTS + ("total_cost",)
        self.invalidate_cache(list(names), self.ids)
        for name in names:
            self._recompute_todo(self._fields[name])
        self.recompute()

    def _get_payer(self):
        """``(payer, reason)`` of the work on this ticket, from its service
        category (``lib/payer.py``)."""
        self.ensure_one()
        return payer.payer_of_category(self.service_category)

    @api.depends("labour_cost", "parts_cost")
    def _compute_total_cost(self):
        for ticket in self:
            ticket.total_cost = ticket.labour_cost + ticket.parts_cost

    @api.depends("labour_hours", "parts_amount", "service_category")
    def _compute_fees(self):
        labour = self.env.ref(LABOUR_PRODUCT_XMLID, raise_if_not_found=False)
        # sudo: the labour rate is the public price the customer pays (shown
        # on his voucher); portal users have no read access to products
        labour_price = labour.sudo().lst_price if labour else 0.0
        for ticket in self:
            ticket.labour_amount = ticket.labour_hours * labour_price
            ticket.fee_amount = (
                ticket.labour_amount + ticket.parts_amount
                if is_billable_category(ticket.service_category) else 0.0)

    def _count_by_ticket(self, model):
        """Number of ``model`` records per ticket, by one read_group."""
        groups = self.env[model].read_group(
            [("aftersales_ticket_id", "in", self.ids)],
            ["aftersales_ticket_id"], ["aftersales_ticket_id"])
        return {group["aftersales_ticket_id"][0]:
                group["aftersales_ticket_id_count"] for group in groups}

    def _compute_picking_count(self):
        counts = self._count_by_ticket("stock.picking")
        for ticket in self:
            ticket.picking_count = counts.get(ticket.id, 0)

    def _compute_invoice_count(self):
        counts = self._count_by_ticket("account.invoice")
        for ticket in self:
            ticket.invoice_count = counts.get(ticket.id, 0)

    def _compute_timesheet_count(self):
        counts = self._count_by_ticket("account.analytic.line")
        for ticket in self:
            ticket.timesheet_count = counts.get(ticket.id, 0)

    def _aftersales_workflow_field_names(self):
        return super(AftersalesTicket, self)._aftersales_workflow_field_names(
        ).union(VOUCHER_WORKFLOW_FIELDS)

    def _aftersales_check_business_values(self, vals, creating):
        """Refused before anything is written: arrival or resolution
        before the request was received; an invoiced ticket moved to a
        category that is not invoiced; a signature that is not an image, a
        signer's name of a novel's length."""
        self._check_voucher_dates(vals, creating)
        if "service_category" in vals and not creating and \
                not is_billable_category(vals["service_category"]):
            invoiced = self.filtered("date_invoiced")
            if invoiced:
                raise ValidationError(_(
                    "%s has been invoiced to the customer: its service "
                    "category can no longer become one the customer does not "
                    "pay (cancel the invoice first).")
                    % ", ".join(invoiced.mapped("name")))
        if vals.get("customer_signature"):
            self._check_signature_image(vals["customer_signature"])
        if vals.get("signed_by") and len(vals["signed_by"]) > MAX_SIGNER_NAME:
            raise ValidationError(_(
                "The signer's name is too long (at most %d characters).")
                % MAX_SIGNER_NAME)
        return super(AftersalesTicket, self)._aftersales_check_business_values(
            vals, creating)

    def _check_voucher_dates(self, vals, creating):
        names = ("date_arrived", "date_resolved")
        if not set(names + ("date_received",)).intersection(vals):
            return
        # at creation, one ticket to be: no record yet
        for ticket in [self.browse()] if creating else self:
            received = _as_datetime(vals["date_received"]) \
                if "date_received" in vals else (
                    _as_datetime(ticket.date_received) if ticket
                    else fields.Datetime.from_string(fields.Datetime.now()))
            for name in names:
                moment = _as_datetime(vals[name] if name in vals else (
                    ticket[name] if ticket else False))
                if moment and received and moment < received:
                    raise ValidationError(_(
                        "%(date)s (%(moment)s) cannot be before the request "
                        "was received (%(received)s).") % {
                            "date": self._fields[name]._description_string(
                                self.env),
                            "moment": fields.Datetime.to_string(moment),
                            "received": fields.Datetime.to_string(received)})

    def _check_parts_can_change(self):
        """Parts used are recorded while the job is open and not invoiced
        yet: afterwards they would change neither the stock nor the
        invoice."""
        done = self.filtered(
            lambda ticket: ticket.is_closed or ticket.date_invoiced)
        if done:
            raise UserError(_(
                "%s is closed or invoiced: its parts can no longer be added, "
                "changed or removed.") % ", ".join(done.mapped("name")))

    @api.model
    def _check_signature_image(self, signature):
        """Refuse a signature that is not a PNG or JPEG image (base64)."""
        try:
            data = base64.b64decode(signature)
        except (binascii.Error, TypeError, ValueError):
            data = b""
        if not data.startswith(SIGNATURE_MAGIC):
            raise ValidationError(_(
                "The customer's signature must be an image (PNG or JPEG)."))
        if len(data) > MAX_SIGNATURE_BYTES:
            raise ValidationError(_(
                "The customer's signature is too large (at most %d kB).")
                % (MAX_SIGNATURE_BYTES // 1024))

    @api.model
    def _prepare_complete_values(self, vals):
        """A ticket created signed is signed now."""
        values = super(AftersalesTicket, self)._prepare_complete_values(vals)
        if vals.get("customer_signature") and not vals.get("signed_on"):
            values["signed_on"] = fields.Datetime.now()
        return values

    @api.model
    def _prepare_precomputed_values(self, vals):
        """A new ticket has spent no time and used no part, unless lines are
        created with it."""
        values = super(AftersalesTicket, self)._prepare_precomputed_values(
            vals)
        if not vals.get("timesheet_ids") and not vals.get("part_ids"):
            values.update(labour_hours=0.0, labour_cost=0.0, parts_cost=0.0,
                          parts_amount=0.0, total_cost=0.0)
        return values

    @api.model
    def _prepare_write_values(self, vals):
        """Signing stamps the signing date; removing the signature clears
        it."""
        values = super(AftersalesTicket, self)._prepare_write_values(vals)
        if "customer_signature" in vals:
            values["signed_on"] = (fields.Datetime.now()
                                   if vals["customer_signature"] else False)
        return values

    def _after_write_voucher(self, vals, before):
        result = super(AftersalesTicket, self)._after_write_voucher(vals, before)
        if "customer_signature" in vals:
            for ticket in self:
                ticket._track_signature(vals, "customer_signature")
        return result

    def _voucher_can_be_signed(self):
        """Whether the customer may sign the voucher: once a visit was
        recorded (the technician arrived, or time was booked); before, it
        would be a signature under nothing (0.00, 00:00 h)."""
        self.ensure_one()
        return bool(self.date_arrived or self.labour_hours)

    def _voucher_file_name(self):
        """Name of the voucher's PDF: by the ticket's number."""
        self.ensure_one()
        return _("Service Voucher - %s") % self.name

    @api.model
    def _customer_service_labels(self):
        """What the customer reads for each service category (the internal
        codes "C - Warranty (free)" are for the staff)."""
        return {
            "A": _("Paid service"),
            "B": _("Covered by your maintenance contract"),
            "C": _("Covered by the warranty (free of charge)"),
            "D": _("Internal work"),
        }

    def _get_customer_service_label(self):
        self.ensure_one()
        return self._customer_service_labels().get(
            self.service_category, "")

    def _check_voucher_applies(self):
        """The voucher's actions (arrival, parts, resolution) are for
        dispatched, open tickets: say which are not, rather than act on
        them."""
        undispatched = self.filtered(lambda ticket: not ticket.user_id)
        if undispatched:
            raise UserError(_(
                "%s: no technician is dispatched yet; dispatch the request "
                "first.") % ", ".join(undispatched.mapped("name")))
        closed = self.filtered("is_closed")
        if closed:
            raise UserError(_("%s: the request is closed.")
                            % ", ".join(closed.mapped("name")))

    def action_arrive(self):
        """The technician is on site: the first arrival is kept (it is the
        SLA's arrival); a later visit, after the ticket left the work on
        site (waiting for parts...), is counted as one more visit."""
        self._check_voucher_applies()
        # one worker at a time: a second, simultaneous arrival is told to
        # try again (and then finds the first one's arrival)
        self._aftersales_lock()
        in_progress = self.env.ref("aftersales_ticket.stage_in_progress")
        revisited = self.filtered(
            lambda ticket: ticket.date_arrived
            and ticket.stage_id != in_progress)
        self.filtered(lambda ticket: not ticket.date_arrived).write(
            {"date_arrived": fields.Datetime.now()})
        revisited._kpi_count_visit()
        self.write({"stage_id": in_progress.id})
        self._done_visit_activities()
        return True

    def action_resolve(self):
        """The work is done: parts still pending are taken from the van."""
        self._check_voucher_applies()
        self._aftersales_lock()  # see action_arrive
        self._consume_parts()
        self.filtered(lambda ticket: not ticket.date_resolved).write(
            {"date_resolved": fields.Datetime.now()})
        self.write({
            "stage_id": self.env.ref("aftersales_ticket.stage_resolved").id,
        })
        self._done_visit_activities()
        return True

    def action_view_timesheets(self):
        action = self.env.ref(
            "analytic.account_analytic_line_action_entries").read()[0]
        action["domain"] = [("aftersales_ticket_id", "in", self.ids)]
        action["context"] = {"default_aftersales_ticket_id": self[:1].id}
        return action

    def _action_view_records(self, records, action_xmlid, form_xmlid):
        action = self.env.ref(action_xmlid).read()[0]
        if len(records) == 1:
            action["views"] = [(self.env.ref(form_xmlid).id, "form")]
            action["res_id"] = records.id
        else:
            action["domain"] = [("id", "in", records.ids)]
        return action

    @api.model
    def _get_labour_product(self):
        product = self.env.ref(LABOUR_PRODUCT_XMLID, raise_if_not_found=False)
        if not product:
            raise UserError(_(
                "The on-site labour product is missing; reinstall the "
                "After-Sales Service Tickets module."))
        return product

    def _get_aftersales_analytic_account(self):
        """The analytic account of the ticket's team, created if missing."""
        self.ensure_one()
        team = self.team_id
        if not team:
            raise UserError(_(
                "Ticket %s has no service team: set one before recording "
                "time.") % self.name)
        if not team.analytic_account_id:
            # technicians may record time without accounting rights; the
            # team's cost centre is created once, on their first time line
            team_sudo = team.sudo()
            account = self.env["account.analytic.account"].sudo().create({
                "name": _("Service: %s") % team.complete_name,
                "company_id": team.company_id.id,
            })
            team_sudo.analytic_account_id = account
        return team.analytic_account_id
