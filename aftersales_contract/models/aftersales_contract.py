# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.aftersales_ticket.models.aftersales_sla_policy import SLA_TIERS

from ..lib import billing

STATES = [
    ("draft", "Draft"),
    ("active", "Active"),
    ("expiring", "Expiring"),
    ("expired", "Expired"),
    ("renewed", "Renewed"),
    ("terminated", "Terminated"),
]
# states in which a contract covers tickets and is invoiced
RUNNING_STATES = ("active", "expiring")
ENDED_STATES = ("expired", "renewed", "terminated")
# what the contract is about: fixed once it is signed (activated); a change
# goes through its termination and a new contract, which keeps the history
# of what was invoiced to whom
SIGNED_FIELDS = ("partner_id", "company_id", "date_start", "frequency")
# money fields: not for the technicians (who read the contract to know what
# it covers), for the service desk, billing and the customer
MONEY_GROUPS = ("aftersales_ticket.group_agent,account.group_account_invoice,"
                "base.group_portal")
# internal fields the customer does not read (portal)
INTERNAL_GROUPS = "base.group_user"


def check_same_company(records, vals, company):
    """Refuse, in ``vals`` (of a create or write on ``records``' model),
    the ids of records that belong to another company than ``company``
    (many2one ids, many2many ``(6, 0, ids)`` / ``(4, id)`` commands)."""
    if not company:
        return
    for name, value in vals.items():
        field = records._fields.get(name)
        if field is None or field.type not in ("many2one", "many2many") or \
                not value:
            continue
        comodel = records.env[field.comodel_name]
        if "company_id" not in comodel._fields or \
                comodel._name == "res.company":
            continue
        ids = []
        if field.type == "many2one":
            ids = [value]
        else:
            for command in value:
                if isinstance(command, (list, tuple)) and command:
                    if command[0] == 6 and len(command) == 3:
                        ids += list(command[2] or ())
                    elif command[0] == 4 and len(command) >= 2:
                        ids.append(command[1])
        # sudo: the company of the records named, which the user may not
        # read (that is the point); the ids of a many2one exist already
        # (_aftersales_check_field_values)
        records_named = comodel.sudo().browse(ids)
        if field.type == "many2many":
            records_named = records_named.exists()
        others = records_named.filtered(
            lambda record: record.company_id and
            record.company_id != company)
        if others:
            raise ValidationError(_(
                "%(field)s: %(records)s belongs to another company than "
                "%(company)s.") % {
                    "field": field._description_string(records.env),
                    "records": ", ".join(others.mapped("display_name")),
                    "company": company.sudo().name})


def check_contract_company(records, vals):
    """Refuse ``vals`` (of a line, equipment or dispute) naming a contract
    of a company the user does not work for."""
    if not vals.get("contract_id") or records.env.uid == SUPERUSER_ID:
        return
    # sudo: the company of the contract named, which the user may not read
    contract = records.env["aftersales.contract"].sudo().browse(
        vals["contract_id"])
    if contract.company_id and \
            contract.company_id not in records.env.user.company_ids:
        raise ValidationError(_(
            "%(field)s: contract #%(id)s belongs to another company.") % {
                "field": records._fields["contract_id"]._description_string(
                    records.env),
                "id": contract.id})


class AftersalesContract(models.Model):
    """Maintenance contract: the equipment it covers, at which service
    level, and what the customer pays for it every period."""

    _name = "aftersales.contract"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.mixin"]
    _description = "Maintenance Contract"
    _order = "date_end desc, id desc"
    # change only through the actions (buttons) and the jobs
    _aftersales_workflow_fields = (
        "state", "predecessor_id", "next_period_start", "notice_sent_date",
        "invoicing_failed", "invoicing_error", "renewal_date")

    name = fields.Char(
        string="Number", required=True, copy=False, readonly=True,
        default="/", index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True,
        track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    commercial_partner_id = fields.Many2one(
        "res.partner", related="partner_id.commercial_partner_id", store=True,
        index=True, readonly=True, string="Customer Company")
    company_id = fields.Many2one(
        "res.company", required=True, index=True,
        default=lambda self: self.env.user.company_id,
        readonly=True, states={"draft": [("readonly", False)]})
    currency_id = fields.Many2one(
        "res.currency", related="company_id.currency_id", readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Responsible", index=True,
        default=lambda self: self.env.user, track_visibility="onchange")
    sla_tier = fields.Selection(
        SLA_TIERS, string="Service Level", required=True, default="standard",
        track_visibility="onchange",
        help="Tier of the SLA policies applying to the covered tickets.")
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today,
        track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    date_end = fields.Date(
        string="End", required=True, index=True, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    frequency = fields.Selection(
        billing.FREQUENCIES, string="Billing Frequency", required=True,
        default="monthly", track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    payment_term_id = fields.Many2one(
        "account.payment.term", string="Payment Terms")
    state = fields.Selection(
        STATES, required=True, default="draft", index=True, copy=False,
        readonly=True, track_visibility="onchange")
    equipment_ids = fields.One2many(
        "aftersales.contract.equipment", "contract_id",
        string="Covered Equipment", copy=True)
    line_ids = fields.One2many(
        "aftersales.contract.line", "contract_id", string="Billing Lines",
        copy=True)
    # internal: the customer sees his invoices on the portal page
    period_ids = fields.One2many(
        "aftersales.contract.period", "contract_id",
        string="Invoiced Periods", readonly=True,
        groups="aftersales_ticket.group_agent,"
               "aftersales_ticket.group_technician")
    dispute_ids = fields.One2many(
        "aftersales.contract.dispute", "contract_id", string="Disputes",
        groups="aftersales_ticket.group_director")
    amount_period = fields.Monetary(
        string="Amount per Period", compute="_compute_amount_period",
        store=True, help="Untaxed amount invoiced every period.",
        groups=MONEY_GROUPS)
    next_period_start = fields.Date(
        string="Next Invoice Date", readonly=True, copy=False, index=True,
        help="First day of the next period to invoice.")
    invoicing_failed = fields.Boolean(
        readonly=True, copy=False, index=True, groups=INTERNAL_GROUPS)
    invoicing_error = fields.Text(readonly=True, copy=False,
                                  groups=INTERNAL_GROUPS)
    invoice_count = fields.Integer(compute="_compute_invoice_count")
    notice_sent_date = fields.Date(
        string="Expiry Notice Sent", readonly=True, copy=False)
    termination_reason = fields.Text(track_visibility="onchange", copy=False,
                                     groups=INTERNAL_GROUPS)
    termination_date = fields.Date(track_visibility="onchange", copy=False)
    renewal_percent = fields.Float(
        string="Price Revision at Renewal (%)", copy=False,
        groups=INTERNAL_GROUPS,
        help="Revision of every price of the successor created by Renew "
             "(5 = +5 %).")
    predecessor_id = fields.Many2one(
        "aftersales.contract", string="Renewal Of", readonly=True, copy=False,
        index=True, ondelete="restrict")
    successor_ids = fields.One2many(
        "aftersales.contract", "predecessor_id", string="Renewed By",
        readonly=True)
    renewal_date = fields.Date(readonly=True, copy=False)
    renewal_rate = fields.Float(
        string="Renewal Rate (%)", compute="_compute_renewal_rate", store=True,
        group_operator="avg", groups=INTERNAL_GROUPS,
        help="100 for an ended contract that was renewed, 0 for one that "
             "was not: its average by month of end is the renewal rate.")
    note = fields.Html(string="Terms")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)",
         "The contract number must be unique per company."),
        ("dates_check", "CHECK(date_end >= date_start)",
         "The end of a contract cannot be before its start."),
        ("renewal_percent_check", "CHECK(renewal_percent > -100)",
         "A price revision cannot take 100 % or more off the prices."),
        ("termination_date_check",
         "CHECK(termination_date IS NULL OR termination_date >= date_start)",
         "A contract cannot be terminated before its start."),
    ]

    @api.depends("line_ids.price_subtotal")
    def _compute_amount_period(self):
        for contract in self:
            contract.amount_period = sum(contract.line_ids.mapped(
                "price_subtotal"))

    @api.depends("state")
    def _compute_renewal_rate(self):
        for contract in self:
            contract.renewal_rate = 100.0 if contract.state == "renewed" \
                else 0.0

    def _compute_invoice_count(self):
        counts = {}
        if self.ids:
            # count of distinct invoices: one may bill several contracts
            self.env.cr.execute(
                "SELECT contract_id, count(DISTINCT invoice_id) FROM "
                "aftersales_contract_period WHERE contract_id IN %s "
                "GROUP BY contract_id", (tuple(self.ids),))
            counts = dict(self.env.cr.fetchall())
        for contract in self:
            contract.invoice_count = counts.get(contract.id, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end < contract.date_start:
                raise ValidationError(_(
                    "Contract %s: the end date is before the start date.")
                    % contract.name)

    @api.constrains("state", "date_start", "date_end")
    def _check_overlap(self):
        self.mapped("equipment_ids")._check_overlap()

    @api.constrains("state", "termination_reason", "termination_date")
    def _check_termination(self):
        for contract in self.filtered(lambda c: c.state == "terminated"):
            if not (contract.termination_reason or "").strip() or \
                    not contract.termination_date:
                raise ValidationError(_(
                    "Contract %s: a termination needs a reason and a date.")
                    % contract.name)

    @api.model
    def create(self, vals):
        self._aftersales_check_values(vals, creating=True)
        if vals.get("name", "/") == "/":
            company_id = vals.get("company_id") or self.env.user.company_id.id
            vals = dict(vals, name=self.env["ir.sequence"].with_context(
                force_company=company_id).next_by_code(
                    "aftersales.contract") or "/")
        return super(AftersalesContract, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_values(vals, creating=False)
        return super(AftersalesContract, self).write(vals)

    @api.multi
    def unlink(self):
        if any(contract.state != "draft" or contract.period_ids
               for contract in self):
            raise UserError(_("Only draft contracts never invoiced can be "
                              "deleted; terminate the others."))
        return super(AftersalesContract, self).unlink()

    @api.multi
    def copy(self, default=None):
        default = dict(default or {}, name="/")
        return super(AftersalesContract, self).copy(default)

    @api.multi
    def copy_data(self, default=None):
        """A copy starts as a draft: Odoo 11 copies ``state`` whatever its
        ``copy`` attribute, and no workflow field may be given."""
        data = super(AftersalesContract, self).copy_data(default)
        names = self._aftersales_workflow_field_names()
        return [{key: value for key, value in vals.items()
                 if key not in names and key != "message_last_post"}
                for vals in data]

    def _aftersales_check_business_values(self, vals, creating):
        """Dates in order, no negative price or quantity in the billing
        lines, what a signed contract is about unchanged, the customer and
        the responsible of the contract's company, before anything is
        written (the constraints check again after)."""
        Line = self.env["aftersales.contract.line"]
        for command in vals.get("line_ids") or ():
            if isinstance(command, (list, tuple)) and len(command) == 3 and \
                    command[0] in (0, 1) and isinstance(command[2], dict):
                Line._check_line_values(command[2])
        for key in ("termination_reason", "termination_date"):
            if key in vals and any(c.state in ENDED_STATES for c in self):
                raise UserError(_("The termination of an ended contract "
                                  "cannot be changed."))
        if "renewal_percent" in vals and \
                (vals["renewal_percent"] or 0.0) <= -100.0:
            raise ValidationError(_(
                "A price revision cannot take 100 % or more off the prices."))
        keys = ("date_start", "date_end", "termination_date", "partner_id",
                "company_id", "user_id")
        if creating or any(key in vals for key in keys):
            for contract in (self or [self.browse()]):
                contract._check_consistency(vals)
        if not creating:
            self._check_signed_values(vals)

    def _check_signed_values(self, vals):
        """Refuse a change of what a signed contract is about (customer,
        company, start, billing frequency): the invoiced periods and the
        customer's portal follow them. Terminate it and make a new one."""
        changed = set()
        for contract in self.filtered(lambda c: c.state != "draft"):
            for name in SIGNED_FIELDS:
                if name not in vals:
                    continue
                field = self._fields[name]
                current = field.convert_to_write(contract[name], contract)
                if field.type == "date":
                    current = current or False
                    value = vals[name] and fields.Date.to_string(
                        fields.Date.from_string(vals[name]))
                else:
                    value = vals[name]
                if value != current:
                    changed.add(name)
        if changed:
            raise UserError(_(
                "%(fields)s of a signed contract cannot be changed: terminate "
                "it and make a new contract (the invoiced periods keep their "
                "history).") % {"fields": ", ".join(
                    self._fields[name]._description_string(self.env)
                    for name in sorted(changed))})

    def _check_consistency(self, vals):
        """The values of this contract (``self`` empty at creation) after
        ``vals``: dates in order, the termination not before the start, a
        customer and a responsible (an employee) of the contract's
        company."""
        def value(name):
            if name in vals:
                found = vals[name]
            elif self:
                found = self._fields[name].convert_to_write(self[name], self)
            else:
                found = False
            if found and self._fields[name].type == "date":
                found = fields.Date.to_string(fields.Date.from_string(found))
            return found

        start, end = value("date_start"), value("date_end")
        if not self and "date_start" not in vals:
            start = fields.Date.context_today(self)
        if start and end and end < start:
            raise ValidationError(_(
                "The end of a contract cannot be before its start."))
        termination = value("termination_date")
        if termination and start and termination < start:
            raise ValidationError(_(
                "A contract cannot be terminated before its start."))
        company_id = value("company_id") or (
            not self and self.env.user.company_id.id)
        company = self.env["res.company"].browse(company_id)
        if "company_id" in vals and company and \
                self.env.uid != SUPERUSER_ID and \
                company not in self.env.user.company_ids:
            raise ValidationError(_(
                "%s: you do not work for this company.")
                % company.sudo().name)
        partner = self.env["res.partner"].browse(value("partner_id") or [])
        # sudo: the company of the customer and of the responsible, which
        # the contract's author may not read
        if partner and partner.sudo().company_id and \
                partner.sudo().company_id != company:
            raise ValidationError(_(
                "The customer %(partner)s belongs to another company than "
                "the contract (%(company)s).") % {
                    "partner": partner.sudo().display_name,
                    "company": company.sudo().name})
        check_same_company(self, {
            name: value for name, value in vals.items()
            if name not in ("partner_id", "user_id", "company_id")}, company)
        user = self.env["res.users"].browse(
            value("user_id") if "user_id" in vals or self else
            self.env.uid).sudo()
        if user:
            if user.share:
                raise ValidationError(_(
                    "%s cannot be responsible for a contract: only an "
                    "employee can.") % user.name)
            if company and company not in user.company_ids:
                raise ValidationError(_(
                    "%(user)s cannot be responsible for a contract of "
                    "%(company)s: not a user of that company.") % {
                        "user": user.name, "company": company.sudo().name})

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, body="", subject=None, message_type="notification",
                     subtype=None, parent_id=False, attachments=None,
                     content_subtype="html", **kwargs):
        """An internal note (note subtype, Odoo's default when none is
        given) is posted as a ``comment``, which the customer cannot read
        (see ``mail.thread._aftersales_post_note``), whoever posts it."""
        if message_type == "notification" and \
                not kwargs.get("tracking_value_ids") and \
                self.env["aftersales.ticket"]._aftersales_is_internal_subtype(
                    subtype, kwargs.get("subtype_id")):
            message_type = "comment"
        return super(AftersalesContract, self).message_post(
            body=body, subject=subject, message_type=message_type,
            subtype=subtype, parent_id=parent_id, attachments=attachments,
            content_subtype=content_subtype, **kwargs)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_activate(self):
        """Draft -> active: covered and invoiced from its start."""
        contracts = self._aftersales_lock()
        for contract in contracts:
            if contract.state != "draft":
                raise UserError(_("Contract %s is not a draft.")
                                % contract.name)
            if not contract.line_ids:
                raise UserError(_("Contract %s has no billing line.")
                                % contract.name)
            contract._aftersales_workflow_write({
                "state": "active",
                "next_period_start": contract.next_period_start or
                contract.date_start,
            })
        return True

    @api.multi
    def action_terminate(self):
        """Ends the contract before its end date: it no longer covers and
        is no longer invoiced. Needs the termination reason and date."""
        contracts = self._aftersales_lock()
        for contract in contracts:
            if contract.state not in ("draft",) + RUNNING_STATES:
                raise UserError(_("Contract %s has already ended.")
                                % contract.name)
            if not (contract.termination_reason or "").strip() or \
                    not contract.termination_date:
                raise UserError(_(
                    "Contract %s: give the termination reason and date "
                    "first.") % contract.name)
            contract._aftersales_workflow_write({"state": "terminated"})
        contracts._close_expiry_activities(_("Contract terminated."))
        return True

    @api.multi
    def action_renew(self):
        """Creates the successor for the next period (same length), with
        every price revised by the renewal percentage, linked to this
        contract, which becomes "renewed". Returns the successor's form."""
        contracts = self._aftersales_lock()
        successors = contracts._renew()
        if len(successors) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": self._name,
                "res_id": successors.id,
                "view_mode": "form",
            }
        return True

    def _renew(self):
        successors = self.browse()
        today = fields.Date.context_today(self)
        for contract in self:
            if contract.state not in RUNNING_STATES + ("expired",):
                raise UserError(_(
                    "Contract %s cannot be renewed: only active, expiring "
                    "or expired contracts can.") % contract.name)
            if contract.successor_ids:
                raise UserError(_("Contract %s is already renewed.")
                                % contract.name)
            start, end = billing.renewal_dates(
                fields.Date.from_string(contract.date_start),
                fields.Date.from_string(contract.date_end))
            successor = contract.copy(contract._prepare_renewal_values(
                start, end))
            contract._aftersales_workflow_write({
                "state": "renewed", "renewal_date": today})
            successor._aftersales_workflow_write(
                {"predecessor_id": contract.id})
            successor.action_activate()
            contract._aftersales_post_note(
                _("Renewed by %s.") % successor.name)
            successors |= successor
            contract._close_expiry_activities(
                _("Renewed by %s.") % successor.name)
        return successors

    def _prepare_renewal_values(self, start, end):
        """Values of the successor of this contract for ``start``-``end``."""
        self.ensure_one()
        return {
            "date_start": fields.Date.to_string(start),
            "date_end": fields.Date.to_string(end),
            "line_ids": [(0, 0, {
                "product_id": line.product_id.id,
                "name": line.name,
                "quantity": line.quantity,
                "price_unit": billing.revised_price(
                    line.price_unit, self.renewal_percent),
                "tax_ids": [(6, 0, line.tax_ids.ids)],
            }) for line in self.line_ids],
        }

    @api.multi
    def action_invoice(self):
        """Invoices now every due period of these running contracts (button
        of the service managers). A manager without accounting rights gets
        the invoices prepared for the billing clerks (a note naming them on
        the contract, a notification); nothing due says until when."""
        if self.env.uid != SUPERUSER_ID and \
                not self.env.user.has_group("aftersales_ticket.group_manager"):
            raise AccessError(_(
                "Only a service manager can invoice the due periods of a "
                "contract."))
        contracts = self._aftersales_lock()
        not_running = contracts.filtered(
            lambda c: c.state not in RUNNING_STATES)
        if not_running:
            raise UserError(_(
                "%s: only running (active or expiring) contracts are "
                "invoiced.") % ", ".join(not_running.mapped("name")))
        today = fields.Date.context_today(self)
        invoicing = contracts
        if not self.env["account.invoice"].check_access_rights(
                "create", raise_exception=False):
            # sudo: a service manager invoices the contracts he runs even
            # without accounting rights (journals, accounts, taxes); the
            # invoices are drafts the billing clerks check and validate. The
            # manager was checked above and the rows are locked; a manager
            # with billing rights invoices as himself.
            invoicing = contracts.sudo()
        result = invoicing._invoice_due_periods(today, skip_locked=False)
        if result["failed"]:
            raise UserError(result["errors"][0])
        invoices = result["invoices"]
        if not invoices:
            # a message the web client shows (Odoo 11 shows no bus
            # notification of this kind); nothing was written
            raise UserError(contracts._nothing_due_message())
        return contracts._aftersales_open_documents(
            invoices.sudo(self.env.uid), "account.action_invoice_tree1",
            "account.invoice_form",
            _("draft invoices of the due contract periods, for the billing "
              "clerks to check and validate."))

    def _nothing_due_message(self):
        """Why nothing was invoiced: the next invoice date of each contract,
        or the end of its invoicing."""
        parts = []
        for contract in self:
            last = contract._invoicing_end()
            start = contract.next_period_start
            if start and last and start <= last:
                parts.append(_("%(contract)s: nothing due until %(date)s.") % {
                    "contract": contract.name, "date": start})
            else:
                parts.append(_("%s: every period is invoiced.")
                             % contract.name)
        return "\n".join(parts)

    def _invoicing_end(self):
        """Last day invoiced: the end of the contract, or its termination
        when earlier (as a string)."""
        self.ensure_one()
        ends = [day for day in (self.date_end, self.termination_date)
                if day]
        return min(ends) if ends else False

    @api.multi
    def action_view_invoices(self):
        self.ensure_one()
        action = self.env.ref("account.action_invoice_tree1").read()[0]
        action["domain"] = [("id", "in", self.period_ids.mapped(
            "invoice_id").ids)]
        action["context"] = {"create": False}
        return action

    @api.multi
    def action_print_notice(self):
        return self.env.ref(
            "aftersales_contract.aftersales_contract_notice_report"
        ).report_action(self)
