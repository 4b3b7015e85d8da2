# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Recurring invoicing of the contracts: every due period once.

The cron only finds the due contracts and enqueues one ``queue_job`` job per
batch; each job (its own transaction, committed at its end) locks the rows
of its batch that no other run holds (``SKIP LOCKED``), invoices their due
periods and records each period in ``aftersales.contract.period``, whose
unique (contract, first day) index makes a second invoice of a period
impossible whatever happens (two workers, a retry, a crash mid-run).
"""
import logging
import traceback

from odoo import SUPERUSER_ID, _, api, fields, models, tools
from odoo.addons.aftersales_ticket.models.aftersales_mixin import insert_rows
from odoo.addons.queue_job.job import job

from ..lib import billing
from .aftersales_contract import RUNNING_STATES

_logger = logging.getLogger(__name__)

BATCH_SIZE_PARAM = "aftersales_contract.invoice_batch_size"
DEFAULT_BATCH_SIZE = 200
BATCH_SIZE_RANGE = (1, 10000)
GROUP_PARAM = "aftersales_contract.invoice_per_customer"
SEND_PARAM = "aftersales_contract.send_invoices"
# the context of a run (thousands of contracts in one job): no tracking or
# subscription record by record; the creation of the invoices is logged and
# their creator subscribed in one batch (_aftersales_contract_log_creation)
QUIET = {"mail_create_nolog": True, "mail_create_nosubscribe": True,
         "tracking_disable": True, "mail_notrack": True}


def _param_bool(env, key):
    # sudo: the job reads a setting, whoever runs it
    value = env["ir.config_parameter"].sudo().get_param(key, "False")
    return value not in ("False", "0", "", False)


# The contract is split by concern, one inheriting class per file.
# pylint: disable=consider-merging-classes-inherited
class AftersalesContract(models.Model):
    _inherit = "aftersales.contract"

    # ------------------------------------------------------------------
    # Scheduled job: find the due contracts, enqueue one job per batch
    # ------------------------------------------------------------------
    @api.model
    def _due_contract_ids(self, today):
        """Ids of the running contracts with a period due on ``today``
        (indexed range on ``next_period_start``)."""
        self.env.cr.execute(
            "SELECT id FROM aftersales_contract WHERE state IN %s "
            "AND next_period_start <= %s AND next_period_start <= date_end "
            "AND (termination_date IS NULL "
            "OR next_period_start <= termination_date) "
            "ORDER BY id", (RUNNING_STATES, today))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _invoice_batch_size(self):
        # sudo: a technical setting read by the job
        value = self.env["ir.config_parameter"].sudo().get_param(
            BATCH_SIZE_PARAM, DEFAULT_BATCH_SIZE)
        try:
            value = int(value)
        except (TypeError, ValueError):
            return DEFAULT_BATCH_SIZE
        return min(max(value, BATCH_SIZE_RANGE[0]), BATCH_SIZE_RANGE[1])

    @api.model
    def _cron_invoice_contracts(self):
        """Enqueues the invoicing of every due contract, one job per batch;
        the jobs run on any worker of any host with the job runner."""
        today = fields.Date.context_today(self)
        ids = self._due_contract_ids(today)
        size = self._invoice_batch_size()
        jobs = []
        for index in range(0, len(ids), size):
            batch = self.browse(ids[index:index + size])
            jobs.append(batch.with_delay(
                description=_("Invoice %d maintenance contracts")
                % len(batch),
                # the same batch is not enqueued twice while pending
                identity_key="aftersales_contract_invoice:%s:%s" % (
                    today, ",".join(str(i) for i in batch.ids)),
            )._job_invoice_batch(today))
        _logger.info("aftersales_contract: %d due contracts in %d jobs",
                     len(ids), len(jobs))
        return jobs

    @job(default_channel="root")
    @api.multi
    def _job_invoice_batch(self, today=None):
        """Job: invoice the due periods of this batch (committed by the job
        runner at the end) on ``today`` (the day it was enqueued; today by
        default)."""
        today = today or fields.Date.context_today(self)
        contracts = self
        if self.env.uid != SUPERUSER_ID and \
                self.env.user.has_group("aftersales_ticket.group_manager") \
                and not self.env["account.invoice"].check_access_rights(
                    "create", raise_exception=False):
            # sudo: run by a service manager without accounting rights (the
            # job runs as whoever enqueued it), as his "Invoice Due Periods"
            # button: draft invoices for the billing clerks; the rows are
            # locked by _invoice_due_periods
            contracts = self.sudo()
        result = contracts._invoice_due_periods(today)
        return _("%(periods)d periods invoiced in %(invoices)d invoices, "
                 "%(failed)d contracts failed") % {
                     "periods": result["periods"],
                     "invoices": len(result["invoices"]),
                     "failed": len(result["failed"])}

    @api.model
    def _invoice_all_due(self, today=None, commit=False):
        """Invoices every due contract now, batch after batch, in this
        process (without the job queue): for scripts and benchmarks.
        ``commit``: commit after each batch."""
        today = today or fields.Date.context_today(self)
        ids = self._due_contract_ids(today)
        size = self._invoice_batch_size()
        totals = {"periods": 0, "invoices": 0, "failed": 0}
        for index in range(0, len(ids), size):
            result = self.browse(ids[index:index + size])._invoice_due_periods(
                today)
            totals["periods"] += result["periods"]
            totals["invoices"] += len(result["invoices"])
            totals["failed"] += len(result["failed"])
            if commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
                self.invalidate_cache()
        return totals

    # ------------------------------------------------------------------
    # One batch
    # ------------------------------------------------------------------
    @api.multi
    def _lock_for_invoicing(self):
        """The running contracts of ``self`` that no other transaction is
        invoicing right now, their rows locked: another run skips them
        instead of waiting (or failing) on them."""
        if not self.ids:
            return self
        self.env.cr.execute(
            "SELECT id FROM aftersales_contract WHERE id IN %s "
            "AND state IN %s ORDER BY id FOR UPDATE SKIP LOCKED",
            (tuple(set(self.ids)), RUNNING_STATES))
        records = self.browse([row[0] for row in self.env.cr.fetchall()])
        records.invalidate_cache()
        return records

    @api.multi
    def _invoice_due_periods(self, today, skip_locked=True):
        """Invoices the due periods of the contracts of ``self`` on
        ``today`` (catching up missed ones). A contract that fails is
        logged on its chatter and flagged, the others are invoiced.

        :return: dict with ``invoices`` (created), ``periods`` (number
            invoiced), ``failed`` (contracts) and ``errors`` (messages)
        """
        if isinstance(today, str):
            today = fields.Date.from_string(today)
        # only running contracts, whoever calls
        contracts = (self._lock_for_invoicing() if skip_locked
                     else self._aftersales_unique().filtered(
                         lambda c: c.state in RUNNING_STATES))
        contracts = contracts.with_context(**QUIET)
        result = {"invoices": self.env["account.invoice"], "periods": 0,
                  "failed": self.browse(), "errors": []}
        group = _param_bool(self.env, GROUP_PARAM)
        cache = {}
        plans, failures = [], {}
        for contract in contracts:
            try:
                plan = contract._prepare_invoicing_plan(today, cache)
            except Exception as error:  # pylint: disable=broad-except
                failures[contract.id] = error
                continue
            if plan:
                plans.append((contract, plan))
        groups = self._group_invoicing_plans(plans, group)
        # nothing pending before the batch: what a failed attempt leaves
        # to recompute can then be dropped with env.clear()
        self.recompute()
        # fast path: the whole batch at once; if anything fails, contract
        # by contract, each in its own savepoint, to isolate the culprit
        try:
            with self.env.cr.savepoint():
                invoices = self._create_plan_invoices(groups)
        except Exception:  # pylint: disable=broad-except
            _logger.info("aftersales_contract: batch failed, invoicing "
                         "contract by contract", exc_info=True)
            # the rolled back invoices: out of the cache and of the fields
            # to recompute
            self.env.clear()
            invoices = self.env["account.invoice"]
            by_contract = {}
            for key, members in groups:
                for contract, plan in members:
                    by_contract.setdefault(contract.id, []).append(
                        (key, [(contract, plan)]))
            for contract_id, contract_groups in by_contract.items():
                try:
                    with self.env.cr.savepoint():
                        invoices |= self._create_plan_invoices(contract_groups)
                except Exception as error:  # pylint: disable=broad-except
                    self.env.clear()
                    failures[contract_id] = error
        result["invoices"] = invoices
        failed = self.browse(list(failures))
        done = contracts - failed
        result["periods"] = sum(len(plan["periods"]) for contract, plan
                                in plans if contract.id not in failures)
        result["failed"] = failed
        result["errors"] = [
            _("Contract %(contract)s could not be invoiced: %(error)s") % {
                "contract": contract.name,
                "error": tools.ustr(failures[contract.id])}
            for contract in failed]
        self.invalidate_cache()
        failed._log_invoicing_failure(failures)
        done.filtered("invoicing_failed")._aftersales_workflow_write(
            {"invoicing_failed": False, "invoicing_error": False})
        if invoices and _param_bool(self.env, SEND_PARAM):
            done._send_invoices(invoices)
        return result

    def _prepare_invoicing_plan(self, today, cache):
        """The due periods of this contract and the invoice lines of each,
        ``{"periods": [(first, last)], "lines": [[line values]]}`` (empty
        when nothing is due). ``cache``: shared by the batch, for the
        invoice values of each customer and the accounts of each product."""
        self.ensure_one()
        periods = billing.due_periods(
            fields.Date.from_string(self.date_start), self.frequency,
            fields.Date.from_string(self.next_period_start), today,
            # the contract's end, or its termination when earlier
            fields.Date.from_string(self._invoicing_end()))
        if not periods:
            return {}
        invoice_values = self._prepare_period_invoice_values(cache)
        return {
            "periods": periods,
            "invoice": invoice_values,
            "lines": [self._prepare_period_invoice_lines(
                invoice_values, first, last, cache)
                for first, last in periods],
        }

    def _prepare_period_invoice_values(self, cache):
        """Hook: values of the invoices of this contract (the core's
        ``_aftersales_prepare_invoice_values``, shared by the contracts of
        one customer in the batch), without lines."""
        key = ("invoice", self.partner_id.id, self.company_id.id,
               self.payment_term_id.id)
        if key not in cache:
            values = self.env["account.invoice"]._aftersales_prepare_invoice_values(
                self.partner_id, self.company_id, self.name)
            if self.payment_term_id:
                values["payment_term_id"] = self.payment_term_id.id
            # given, so that account.invoice.create runs no onchange
            values.setdefault("payment_term_id", False)
            values["partner_bank_id"] = False
            values["date_invoice"] = False
            # the defaults of the other fields, computed once per batch
            # instead of once per invoice
            values = dict(self._invoice_defaults(
                "account.invoice", values, cache), **values)
            cache[key] = values
        return dict(cache[key], origin=self.name, name=self.name,
                    invoice_line_ids=[])

    def _prepare_period_invoice_lines(self, invoice_values, first, last, cache):
        """Hook: invoice line values of the period ``first``-``last``."""
        Invoice = self.env["account.invoice"]
        lines = []
        period = _("%(start)s to %(end)s") % {
            "start": fields.Date.to_string(first),
            "end": fields.Date.to_string(last)}
        for line in self.line_ids:
            key = ("line", line.product_id.id, invoice_values["company_id"],
                   invoice_values["fiscal_position_id"],
                   invoice_values["partner_id"], tuple(line.tax_ids.ids))
            if key not in cache:
                values = Invoice._aftersales_prepare_invoice_line_values(
                    invoice_values, line.product_id, 1.0, 0.0)
                if line.tax_ids:
                    fiscal_position = self.env["account.fiscal.position"].browse(
                        invoice_values["fiscal_position_id"])
                    taxes = fiscal_position.map_tax(
                        line.tax_ids, line.product_id,
                        self.env["res.partner"].browse(
                            invoice_values["partner_id"])) \
                        if fiscal_position else line.tax_ids
                    values["invoice_line_tax_ids"] = [(6, 0, taxes.ids)]
                values = dict(self._invoice_defaults(
                    "account.invoice.line", values, cache), **values)
                cache[key] = values
            lines.append(dict(
                cache[key], quantity=line.quantity, price_unit=line.price_unit,
                name="%s - %s\n%s" % (self.name, line.name, period)))
        return lines

    @api.model
    def _invoice_defaults(self, model, values, cache):
        """Default values of the fields of ``model`` that ``values`` do not
        give (stored, not computed), once per batch."""
        key = ("defaults", model)
        if key not in cache:
            Model = self.env[model].with_context(**QUIET)
            names = [name for name, field in Model._fields.items()
                     if field.store and not field.compute and
                     name not in values and name not in models.MAGIC_COLUMNS
                     and field.type not in ("one2many", "many2many")]
            defaults = Model.default_get(names)
            # one per invoice, made when the portal needs it
            defaults.pop("access_token", None)
            cache[key] = defaults
        return {name: value for name, value in cache[key].items()
                if name not in values}

    @api.model
    def _group_invoicing_plans(self, plans, per_customer):
        """``[(key, [(contract, plan)])]``: one invoice per key. Without
        grouping, one per contract and period; with it, one per customer
        (and company, payment term) holding all their due periods."""
        groups = []
        if not per_customer:
            for contract, plan in plans:
                for index in range(len(plan["periods"])):
                    groups.append(((contract.id, index), [(contract, dict(
                        plan, periods=[plan["periods"][index]],
                        lines=[plan["lines"][index]]))]))
            return groups
        by_key = {}
        for contract, plan in plans:
            key = (plan["invoice"]["partner_id"], plan["invoice"]["company_id"],
                   plan["invoice"]["payment_term_id"])
            if key not in by_key:
                by_key[key] = []
                groups.append((key, by_key[key]))
            by_key[key].append((contract, plan))
        return groups

    @api.model
    def _create_plan_invoices(self, groups):
        """Creates one invoice per group, records its periods (the unique
        index refuses a period invoiced already) and moves each contract's
        next invoice date; one INSERT for the periods of all the groups."""
        Invoice = self.env["account.invoice"].with_context(**QUIET)
        values_list, members_list = [], []
        for _key, members in groups:
            contract, plan = members[0]
            values = dict(plan["invoice"], invoice_line_ids=[])
            if len(members) > 1:
                values["origin"] = values["name"] = ", ".join(
                    member.name for member, _plan in members)
            for member, member_plan in members:
                for line_values in member_plan["lines"]:
                    values["invoice_line_ids"] += [
                        (0, 0, line) for line in line_values]
            values_list.append(values)
            members_list.append(members)
        # through account.invoice.create, the creation logged in one batch
        invoices = Invoice._aftersales_contract_create_invoices(values_list)
        period_rows = []
        next_start = {}
        for invoice, members in zip(invoices, members_list):
            for member, member_plan in members:
                for index, (first, last) in enumerate(member_plan["periods"]):
                    period_rows.append({
                        "contract_id": member.id,
                        "partner_id": member.partner_id.id,
                        "company_id": member.company_id.id,
                        "invoice_id": invoice.id,
                        "date_start": fields.Date.to_string(first),
                        "date_end": fields.Date.to_string(last),
                        "amount": sum(
                            line["quantity"] * line["price_unit"]
                            for line in member_plan["lines"][index]),
                    })
                    following = billing.next_period_start(last)
                    if following > next_start.get(member.id, first):
                        next_start[member.id] = following
        if period_rows:
            insert_rows(self.env.cr, self.env.uid,
                        "aftersales_contract_period", period_rows)
        # next invoice date: one UPDATE for the batch (a workflow field,
        # written by this job only)
        if next_start:
            self.env.cr.execute(
                "UPDATE aftersales_contract c SET next_period_start = v.d, "
                "write_date = now() at time zone 'UTC', write_uid = %s "
                "FROM (SELECT unnest(%s::int[]) AS id, "
                "unnest(%s::date[]) AS d) v WHERE c.id = v.id",
                (self.env.uid, list(next_start),
                 [fields.Date.to_string(d) for d in next_start.values()]))
            self.browse(list(next_start)).invalidate_cache(
                ["next_period_start"])
        return invoices

    def _log_invoicing_failure(self, failures):
        """Flags the failed contracts ("Invoicing failed" filter) and logs
        the reason on their chatter."""
        for contract in self:
            error = failures[contract.id]
            message = tools.ustr(error) or error.__class__.__name__
            _logger.warning("aftersales_contract: %s not invoiced: %s",
                            contract.name, message)
            contract._aftersales_workflow_write({
                "invoicing_failed": True,
                "invoicing_error": "".join(traceback.format_exception_only(
                    type(error), error))[:2000]})
            contract._aftersales_post_note(
                "<p>%s</p>" % tools.html_escape(_(
                    "Recurring invoicing failed: %s") % message))

    def _send_invoices(self, invoices):
        """Validates the new invoices and queues their e-mail. A refusal of
        the mail system (outgoing limit, no server, bad address) is logged
        on the contracts and never fails the run: the invoices stay."""
        template = self.env.ref("account.email_template_edi_invoice",
                                raise_if_not_found=False)
        for invoice in invoices:
            try:
                with self.env.cr.savepoint():
                    invoice.action_invoice_open()
                # queued (mail.mail), sent by the mail cron; no savepoint
                # around it: the rendering of the PDF may commit (Odoo's
                # asset bundles), which would release it
                if template:
                    template.send_mail(invoice.id, force_send=False)
                    invoice.sent = True
            except Exception as error:  # pylint: disable=broad-except
                _logger.warning("aftersales_contract: invoice %s not sent: "
                                "%s", invoice.id, error)
                periods = self.env["aftersales.contract.period"].search(
                    [("invoice_id", "=", invoice.id)])
                for contract in periods.mapped("contract_id"):
                    contract._aftersales_post_note(
                        "<p>%s</p>" % tools.html_escape(_(
                            "The invoice %(invoice)s was created but could "
                            "not be validated and sent: %(error)s") % {
                                "invoice": invoice.display_name,
                                "error": tools.ustr(error)}))
